/**
 * Puts the README's screenshots inside the packaged README of a .vsix, as data: URIs.
 *
 * Usage: node client/vsixReadme.mjs drift-monitor.vsix   (after `vsce package`; rewrites the file)
 *
 * Why: VS Code shows an installed extension's README in a webview whose Content-Security-Policy
 * is `img-src https: data:`, so a relative image (`client/media/analysis.png`) never shows
 * there, packed or not. vsce can turn relative links into https URLs of a published repository
 * (`--baseImagesUrl`), which needs one and a network. A data: URI needs neither. The README in
 * the repository keeps its relative links, which Git hosts and the Markdown preview show.
 */
import { createWriteStream, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// vsce reads and writes the .vsix with yauzl and yazl: resolved from vsce, they are its own copies.
const vsceRequire = createRequire(createRequire(import.meta.url).resolve('@vscode/vsce/package.json'));
const yauzl = vsceRequire('yauzl');
const yazl = vsceRequire('yazl');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// vsce stores the README as extension/readme.md; VS Code finds it by name, in any letter case.
const README_ENTRY = /^extension\/readme\.md$/i;
const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** `![alt](relative/path.png)` → `![alt](data:image/png;base64,…)`; other links are left as they are. */
function inlineImages(markdown, readFile) {
  return markdown.replace(/(!\[[^\]]*\]\()([^)\s]+)(\))/g, (whole, open, link, close) => {
    const type = MIME[link.slice(link.lastIndexOf('.')).toLowerCase()];
    if (!type || /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) return whole;
    return `${open}data:${type};base64,${readFile(link).toString('base64')}${close}`;
  });
}

async function rewriteVsix(vsix) {
  const input = await new Promise((resolve, reject) =>
    yauzl.open(vsix, { lazyEntries: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
  const output = new yazl.ZipFile();
  const written = join(dirname(vsix), `.${Date.now()}-${process.pid}.vsix`);
  const done = new Promise((resolve, reject) =>
    output.outputStream.pipe(createWriteStream(written)).on('close', resolve).on('error', reject),
  );
  let found = false;
  await new Promise((resolve, reject) => {
    input.on('error', reject);
    input.on('end', resolve);
    input.on('entry', (entry) => {
      const options = { mtime: entry.getLastModDate(), compress: entry.compressionMethod !== 0 };
      input.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        if (!README_ENTRY.test(entry.fileName)) {
          output.addReadStream(stream, entry.fileName, options);
          stream.on('end', () => input.readEntry());
          return;
        }
        found = true;
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => {
          const readme = inlineImages(Buffer.concat(chunks).toString('utf8'), (link) => readFileSync(join(root, link)));
          output.addBuffer(Buffer.from(readme, 'utf8'), entry.fileName, options);
          input.readEntry();
        });
      });
    });
    input.readEntry();
  });
  if (!found) throw new Error(`${vsix} has no extension/readme.md`);
  output.end();
  await done;
  renameSync(written, vsix);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const vsix = process.argv[2];
  if (!vsix) {
    process.stderr.write('Usage: node vsixReadme.mjs <file.vsix>\n');
    process.exit(2);
  }
  await rewriteVsix(vsix);
  process.stdout.write(`${vsix}: README images inlined\n`);
}
