// Branch and tag names git accepts (git check-ref-format), checked as the user types.

/** Why `name` cannot be a branch or tag name, or null when it can. */
export function refNameProblem(name: string): string | null {
  if (name.trim() === '') return 'a name is needed';
  if (name !== name.trim() || /\s/.test(name)) return 'a name cannot contain spaces';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what git forbids
  if (/[\u0000-\u001f\u007f~^:?*[\\]/.test(name)) return 'a name cannot contain ~ ^ : ? * [ \\ or control characters';
  if (name.includes('..')) return 'a name cannot contain ".."';
  if (name.includes('@{') || name === '@') return 'a name cannot be "@" or contain "@{"';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return 'a name cannot start or end with "/" or contain "//"';
  if (name.endsWith('.') || name.endsWith('.lock')) return 'a name cannot end with "." or ".lock"';
  if (name.split('/').some((part) => part.startsWith('.'))) return 'no part of a name can start with "."';
  if (name.startsWith('-')) return 'a name cannot start with "-"';
  return null;
}
