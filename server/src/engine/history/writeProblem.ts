/** Why a file could not be written, in words: "the disk is full (ENOSPC)". */
const IN_WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (!code) return String((error as Error)?.message ?? error);
  return IN_WORDS[code] ? `${IN_WORDS[code]} (${code})` : code;
}
