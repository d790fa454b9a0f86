// How a cluster's folder is divided between Argo CD Applications. Areas own folders; a few rules carve out
// files for their own Application (web3 payments sync by hand in prod without freezing the other core
// services), and the root Application owns the Application files of the platform folder (app of apps).
// It also says where each Application deploys by default (its destination namespace).
// The platform area renders the Applications from this table and the engine stamps tracking ids from the
// same table, so the two cannot disagree about who owns a file.

/** Every render area, in the order the platform area lists their Applications. Adding an area starts here. */
export const AREA_NAMES = ['platform', 'data-services', 'observability', 'core-services', 'event-functions'] as const;
export type AreaName = (typeof AREA_NAMES)[number];

import { NAMESPACES } from './render-area';

/** Default destination namespace of each area's Application. */
export const AREA_NAMESPACES: Readonly<Record<AreaName, string>> = {
  platform: NAMESPACES.argocd,
  'data-services': NAMESPACES.data,
  observability: NAMESPACES.monitoring,
  'core-services': NAMESPACES.core,
  'event-functions': NAMESPACES.functions,
};

/** Name of the app of apps in every cluster. */
export const ROOT_APPLICATION = 'root';

export interface ApplicationCarveOut {
  /** Application that owns the matching files. */
  readonly application: string;
  /** Area folder the files live in. */
  readonly area: AreaName;
  /** Argo CD `directory.include` glob (relative to the area folder) selecting the files. */
  readonly fileGlob: string;
  /** The same selection as a predicate on the file name, used when stamping tracking ids. */
  readonly matches: (fileName: string) => boolean;
  /** AppProject of the carved-out Application. */
  readonly project: string;
}

export const APPLICATION_CARVE_OUTS: readonly ApplicationCarveOut[] = [
  {
    application: 'web3-payment',
    area: 'core-services',
    fileGlob: '*web3-payment-service*',
    matches: (fileName) => fileName.includes('web3-payment-service'),
    project: 'core-services',
  },
];

/** Application files in the platform folder belong to the root Application. */
export const ROOT_FILE_GLOB = 'application-*.yaml';
const isRootFile = (fileName: string): boolean => fileName.startsWith('application-') && fileName.endsWith('.yaml');

/** The Application that owns `fileName` in the area folder `area`. */
export function applicationForFile(area: string, fileName: string): string {
  if (area === 'platform' && isRootFile(fileName)) return ROOT_APPLICATION;
  const carveOut = APPLICATION_CARVE_OUTS.find((rule) => rule.area === area && rule.matches(fileName));
  return carveOut?.application ?? area;
}

/** AppProject of an Application of the app-of-apps tree. */
export function projectForApplication(application: string): string {
  if (application === ROOT_APPLICATION) return 'platform';
  return APPLICATION_CARVE_OUTS.find((rule) => rule.application === application)?.project ?? application;
}

/**
 * Destination namespace of an Application of the app-of-apps tree. Argo CD also writes it into the tracking
 * id of cluster-scoped objects, so the engine uses it there too.
 */
export function destinationNamespaceForApplication(application: string): string {
  if (application === ROOT_APPLICATION) return NAMESPACES.argocd;
  const area = APPLICATION_CARVE_OUTS.find((rule) => rule.application === application)?.area ?? application;
  return (AREA_NAMESPACES as Record<string, string>)[area] ?? NAMESPACES.argocd;
}

/** Every Application name the app-of-apps tree creates, for validating `sync.manual` in environment files. */
export function applicationNames(): string[] {
  return [ROOT_APPLICATION, ...AREA_NAMES, ...APPLICATION_CARVE_OUTS.map((rule) => rule.application)];
}
