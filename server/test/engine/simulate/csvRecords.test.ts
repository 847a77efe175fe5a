/**
 * The writer's record cutter agrees with papaparse (which the reader uses) on where records
 * and fields are, however the bytes fall into chunks, and its records cover the input byte
 * for byte.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvRecords, fieldText, isQuoted } from '../../../src/engine/simulate/csvRecords';

interface Cut {
  fields: string[];
  quoted: boolean[];
  /** The record's bytes, line break included. */
  raw: string;
}

/** Cuts `chunks` in turn, as the writer does, carrying the unfinished rest over. */
function cut(chunks: Buffer[], delimiter = ','): Cut[] {
  const records = new CsvRecords(delimiter.charCodeAt(0));
  const cuts: Cut[] = [];
  let pending = Buffer.alloc(0);
  const take = (bytes: Buffer, last: boolean) =>
    records.cut(bytes, 0, last, ({ bytes: b, fields, starts, ends, next }) => {
      const indexes = Array.from({ length: fields }, (_, i) => i);
      cuts.push({
        fields: indexes.map((i) => fieldText(b, starts[i], ends[i])),
        quoted: indexes.map((i) => isQuoted(b, starts[i], ends[i])),
        raw: b.toString('utf8', starts[0], next),
      });
    });
  for (const chunk of chunks) {
    const bytes = Buffer.concat([pending, chunk]);
    pending = bytes.subarray(take(bytes, false));
  }
  take(pending, true);
  return cuts;
}

/** Every way of cutting `text` in two, and one byte at a time. */
function chunkings(text: string): Buffer[][] {
  const bytes = Buffer.from(text);
  const ways = [[bytes], Array.from(bytes, (byte) => Buffer.from([byte]))];
  for (let at = 1; at < bytes.length; at++) ways.push([bytes.subarray(0, at), bytes.subarray(at)]);
  return ways;
}

const FILES: Record<string, string> = {
  'LF, quoted delimiters, quotes and line breaks':
    'a,b,c\n1,"x, y","say ""hi"""\n2,,"two\r\nlines"\n"",3,\n4,"é ü",last',
  'CR LF, a lone LF in a cell being text': 'a,b\r\n1,x\ny\r\n"2","q\r\n"\r\n',
  'CR alone': 'a,b\r1,2\r3,"4\r5"\r',
  'a quote inside an unquoted cell': 'a,b\n1,ab"c\n',
};

describe('CsvRecords', () => {
  for (const [name, text] of Object.entries(FILES)) {
    it(`cuts as papaparse does: ${name}`, () => {
      // Papaparse ends a file ending in a line break with an empty record; the cutter has no bytes for one.
      const expected = Papa.parse<string[]>(text, { delimiter: ',' }).data.filter(
        (fields, i, all) => i < all.length - 1 || fields.join() !== '',
      );
      for (const chunks of chunkings(text)) {
        const records = cut(chunks);
        expect(records.map((r) => r.fields)).toEqual(expected);
        expect(records.map((r) => r.raw).join('')).toBe(text);
      }
    });
  }

  it('tells quoted fields', () => {
    expect(cut([Buffer.from('"a",b,""\n')]).map((r) => r.quoted)).toEqual([[true, false, true]]);
  });

  it('cuts on the delimiter it is given', () => {
    expect(cut([Buffer.from('a\tb;c\n1\t"2\t3"\n')], '\t').map((r) => r.fields)).toEqual([
      ['a', 'b;c'],
      ['1', '2\t3'],
    ]);
  });
});
