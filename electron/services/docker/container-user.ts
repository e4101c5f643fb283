// The user step containers run as: the host user, so outputs belong to whoever ran the
// pipeline; never root — when the host user is root, the unprivileged "nobody".
export const NOBODY = { uid: 65534, gid: 65534 };

export function containerUser(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? NOBODY.uid;
  const gid = process.getgid?.() ?? NOBODY.gid;
  return uid === 0 ? NOBODY : { uid, gid };
}
