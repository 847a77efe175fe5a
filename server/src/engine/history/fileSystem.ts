/**
 * The file system calls of the history's writes, in one object so that a test can make one
 * fail as a full disk does (ENOSPC) without filling a disk.
 */
import {
  access,
  chmod,
  chown,
  copyFile,
  mkdir,
  open,
  readFile,
  rename,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';

export const fileSystem = { access, chmod, chown, copyFile, mkdir, open, readFile, rename, stat, unlink, writeFile };
