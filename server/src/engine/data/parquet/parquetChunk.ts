/**
 * One flat column chunk decoded page by page with hyparquet's page decoders (its published
 * `hyparquet/src/*.js` entry points): the values of each page, with a null where its
 * definition levels say one is missing. parquetRead would run every page of an OPTIONAL
 * column through its nested-list assembly, which builds the same values one push at a time
 * (a third of the read's time on a file of optional flat columns). These entry points are
 * lower-level than parquetRead, so package.json pins hyparquet's exact version: a new one is
 * taken on purpose, with the Parquet tests run against it.
 */
import type { ColumnMetaData, DecodedArray, Encoding, ParquetParsers, SchemaTree } from 'hyparquet';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, convertWithDictionary, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { getMaxDefinitionLevel } from 'hyparquet/src/schema.js';
import { PARQUET_CODECS } from './parquetCodecs';
import type { ParquetFile } from './parquetFile';
import { EXACT_INTEGERS } from './parquetValues';

type ColumnDecoder = Parameters<typeof readDataPage>[2];
type DataPage = ReturnType<typeof readDataPage>;

/** The decoded values of the flat column at `leaf` (its path from the schema's root) in a chunk of `rows` rows, one array per page. */
export async function flatColumnChunk(
  parquet: ParquetFile,
  leaf: SchemaTree[],
  chunk: ColumnMetaData,
  rows: number,
  parsers: Partial<ParquetParsers>,
): Promise<DecodedArray[]> {
  const start = Number(chunk.dictionary_page_offset || chunk.data_page_offset);
  const buffer = await parquet.file.slice(start, start + Number(chunk.total_compressed_size));
  const reader = { view: new DataView(buffer), offset: 0 };
  const decoder: ColumnDecoder = {
    pathInSchema: chunk.path_in_schema,
    type: chunk.type,
    element: leaf[leaf.length - 1].element,
    schemaPath: leaf,
    codec: chunk.codec,
    parsers: { ...DEFAULT_PARSERS, ...parsers },
    compressors: PARQUET_CODECS,
  };
  const present = getMaxDefinitionLevel(leaf);
  const pages: DecodedArray[] = [];
  let dictionary: DecodedArray | undefined;
  let read = 0;
  while (read < rows && reader.offset < reader.view.byteLength - 1) {
    const header = parquetHeader(reader);
    if (header.type === 'DICTIONARY_PAGE') {
      const { data } = readPage(reader, header, decoder, undefined, undefined, 0);
      if (data) dictionary = exactNumbers(convert(data, decoder));
      continue;
    }
    const bytes = new Uint8Array(buffer, reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    let page: DataPage;
    let encoding: Encoding;
    if (header.type === 'DATA_PAGE' && header.data_page_header) {
      const uncompressed = decompressPage(bytes, Number(header.uncompressed_page_size), decoder.codec, PARQUET_CODECS);
      page = readDataPage(uncompressed, header.data_page_header, decoder);
      encoding = header.data_page_header.encoding;
    } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
      page = readDataPageV2(bytes, header, decoder);
      encoding = header.data_page_header_v2.encoding;
    } else throw new Error(`parquet unsupported page type: ${header.type}`);
    const values = withNulls(
      convertWithDictionary(page.dataPage, dictionary, encoding, decoder),
      page.definitionLevels,
      present,
    );
    pages.push(values);
    read += values.length;
  }
  return pages;
}

/** A page's values with a null in place of each missing one; the values themselves when none is missing. */
function withNulls(values: DecodedArray, levels: number[] | undefined, present: number): DecodedArray {
  if (!levels?.length || values.length === levels.length) return values;
  const rows: unknown[] = new Array(levels.length);
  let next = 0;
  for (let row = 0; row < levels.length; row++) rows[row] = levels[row] === present ? values[next++] : null;
  return rows as DecodedArray;
}

/**
 * A dictionary of 64-bit integers as doubles when each is exact as one (within ±2^53): every
 * row would otherwise read its value as a new BigInt. One beyond keeps the integers, for the
 * reader to count each row it rounds.
 */
function exactNumbers(dictionary: DecodedArray): DecodedArray {
  if (!(dictionary instanceof BigInt64Array || dictionary instanceof BigUint64Array)) return dictionary;
  const numbers = new Float64Array(dictionary.length);
  for (let i = 0; i < dictionary.length; i++) {
    const value = dictionary[i];
    if (value > EXACT_INTEGERS || value < -EXACT_INTEGERS) return dictionary;
    numbers[i] = Number(value);
  }
  return numbers;
}
