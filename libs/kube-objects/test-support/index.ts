// Test helpers shared by every scope (`@go-coffee/kube-objects/test-support`): imported by tests only.
export { seededRandom } from './seeded-random';
