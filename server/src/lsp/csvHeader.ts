/** GET_CSV_HEADER: a data file's columns, their kinds and header cells, from the server's header cache. */
import { stat } from 'node:fs/promises';
import type { Connection } from 'vscode-languageserver/node';
import type { CsvHeaderCache } from '../engine/data/csvHeaders';
import { GET_CSV_HEADER, type CsvHeaderResult, type GetCsvHeaderParams } from '../protocol/messages';
import { largeReference } from './createConfig';
import { pathOf } from './uris';

export function handleCsvHeader(connection: Connection, headers: CsvHeaderCache): void {
  connection.onRequest(GET_CSV_HEADER, async ({ file }: GetCsvHeaderParams): Promise<CsvHeaderResult> => {
    const result = await headers.get(pathOf(file));
    if (!result.ok) return { problem: result.error };
    const { header } = result;
    const { columns, kinds, ranges } = header;
    // A file just read has a size; were it gone since, it is simply not called large.
    const bytes = await stat(header.path).then(
      (stats) => stats.size,
      () => 0,
    );
    const large = largeReference(header, bytes);
    return {
      columns: columns.map((name, i) => ({
        name,
        kind: kinds.get(name) ?? 'unknown',
        ...(ranges[i] && { start: ranges[i][0], end: ranges[i][1] }),
      })),
      ...(large && { large }),
    };
  });
}
