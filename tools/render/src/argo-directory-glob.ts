// Argo CD's directory include/exclude globs (`*` within a path segment, `{a,b}` alternatives), so tests can
// check which Application picks up which file exactly the way Argo CD's repo server selects them.

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let depth = 0;
  for (const char of glob) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      source += '(?:';
      depth += 1;
    } else if (char === '}' && depth > 0) {
      source += ')';
      depth -= 1;
    } else if (char === ',' && depth > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export interface DirectorySource {
  readonly path: string;
  readonly directory?: { readonly recurse?: boolean; readonly include?: string; readonly exclude?: string };
}

/** Does an Application with this Git source read the workspace-relative file `filePath`? */
export function applicationReadsFile(source: DirectorySource, filePath: string): boolean {
  if (!filePath.startsWith(`${source.path}/`)) return false;
  const relative = filePath.slice(source.path.length + 1);
  if (!source.directory?.recurse && relative.includes('/')) return false;
  if (source.directory?.include && !globToRegExp(source.directory.include).test(relative)) return false;
  if (source.directory?.exclude && globToRegExp(source.directory.exclude).test(relative)) return false;
  return true;
}
