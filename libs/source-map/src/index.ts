// Public entry point of @go-coffee/source-map: where each rendered object comes from (construct line and
// environments/ lines), its file format, reading it back, and the line a finding points at.
export { SOURCE_MAP_FOLDER, parseSourceLocation, serializeSourceMap, sourceMapPath } from './object-source';
export type { ConfigSource, ObjectSource, SourceMapFile } from './object-source';
export { SourceMapError, SourceMapIndex, readSourceMap, renderedPathOf } from './read-source-map';
export { childFieldPath } from './field-path';
export { configNamedBy, declarationOf, describeSource, locateFinding } from './finding-location';
export type { FileLine, FindingLocation, RelatedLocation } from './finding-location';
