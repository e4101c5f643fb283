// Names Kubernetes and Argo accept: lowercase letters, digits and '-', starting and ending
// with a letter or digit. Step ids may hold capitals and underscores, so each id gets a name
// of its own, made unique when two ids would meet (Train and train).

const MAX_NAME = 50;

export function kubeName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return name === '' ? 'x' : name;
}

/** One distinct name per id, in the order given, never one of `taken`. */
export function uniqueKubeNames(ids: readonly string[], taken: readonly string[] = []): Map<string, string> {
  const used = new Set(taken);
  const names = new Map<string, string>();
  for (const id of ids) {
    const base = kubeName(id);
    let name = base;
    for (let count = 2; used.has(name); count += 1) name = `${base}-${count}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}

/** A Kubernetes quantity for a size written like Docker's ("512m" is 512 MiB, "2g" 2 GiB). */
export function kubeMemory(size: string): string {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(size.trim());
  if (!match) throw new Error(`"${size}" is not a size such as 512m or 2g`);
  const unit = { '': '', k: 'Ki', m: 'Mi', g: 'Gi' }[(match[2] ?? '').toLowerCase()] ?? '';
  return `${match[1]}${unit}`;
}
