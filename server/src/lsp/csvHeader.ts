/** GET_CSV_HEADER: a data file's columns, their sampled kinds and header cells, from the server's header cache. */
import type { Connection } from 'vscode-languageserver/node';
import type { CsvHeaderCache } from '../engine/data/csvHeaders';
import { GET_CSV_HEADER, type CsvHeaderResult, type GetCsvHeaderParams } from '../protocol/messages';
import { pathOf } from './uris';

export function handleCsvHeader(connection: Connection, headers: CsvHeaderCache): void {
  connection.onRequest(GET_CSV_HEADER, async ({ file }: GetCsvHeaderParams): Promise<CsvHeaderResult> => {
    const result = await headers.get(pathOf(file));
    if (!result.ok) return { problem: result.error };
    const { columns, kinds, ranges } = result.header;
    return {
      columns: columns.map((name, i) => ({
        name,
        kind: kinds.get(name) ?? 'unknown',
        start: ranges[i]![0],
        end: ranges[i]![1],
      })),
    };
  });
}
