// What the event-functions area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration } from '@go-coffee/render-kit';

export const eventFunctionsDeclaration: AreaDeclaration = {
  name: 'event-functions',
  namespace: 'go-coffee-functions',
  // The workloads' last wave, which the root does not wait on.
  syncWave: 0,
  project: {
    description: 'Event functions scaled by KEDA on Kafka lag.',
    // KafkaTopics (topics as code) live beside the Strimzi cluster in the data namespace.
    namespaces: ['go-coffee-functions', 'go-coffee-data'],
  },
};
