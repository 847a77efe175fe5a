/** The file path of a URI the client sends; an unsaved document's URI (`untitled:`) stays as it is. */
import { fileURLToPath } from 'node:url';

export function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}
