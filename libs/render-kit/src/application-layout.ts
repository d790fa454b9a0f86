// How a cluster's folder is divided between Argo CD Applications. Areas own folders; a few rules carve out
// files for their own Application (web3 payments sync by hand in prod without freezing the other core
// services), and the root Application owns the `applications/` folder (app of apps), where every area's
// render writes its own child Application. It also says where each Application deploys by default (its
// destination namespace). The engine builds the child Applications and stamps tracking ids from this one
// table, so the two cannot disagree about who owns a file.

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

/**
 * Folder of the cluster (`gitops/<cluster>/applications/`) holding the Applications of the app of apps; the root
 * Application reads it and nothing else. Not an area: each area's render writes only its own files into it.
 */
export const APPLICATIONS_FOLDER = 'applications';

/**
 * The Application that owns `fileName` in the folder `folder` (an area folder or APPLICATIONS_FOLDER);
 * `rootApplication` names the cluster's root (`root-<cluster>` on a spoke of an ApplicationSet fleet).
 */
export function applicationForFile(folder: string, fileName: string, rootApplication = ROOT_APPLICATION): string {
  if (folder === APPLICATIONS_FOLDER) return rootApplication;
  const carveOut = APPLICATION_CARVE_OUTS.find((rule) => rule.area === folder && rule.matches(fileName));
  return carveOut?.application ?? folder;
}

/**
 * The area whose render writes the app-of-apps Application `application` into APPLICATIONS_FOLDER: an area its
 * own child Application, a carve-out's area its Application, and the platform area the rest (the root
 * Application, Argo CD's own). Render targets' Nx outputs and `render --check` follow this.
 */
export function areaForApplication(application: string): AreaName {
  const carveOut = APPLICATION_CARVE_OUTS.find((rule) => rule.application === application);
  if (carveOut) return carveOut.area;
  return (AREA_NAMES as readonly string[]).includes(application) ? (application as AreaName) : 'platform';
}

const APPLICATION_FILE = /^application-argocd-([a-z0-9-]+)\.yaml$/;

/** The area whose render writes `applications/<fileName>`; the platform area for any file not named like one. */
export function areaForApplicationFile(fileName: string): AreaName {
  const name = APPLICATION_FILE.exec(fileName)?.[1];
  return name === undefined ? 'platform' : areaForApplication(name);
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
