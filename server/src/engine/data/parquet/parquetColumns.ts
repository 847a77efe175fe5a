/**
 * A Parquet file's columns from its footer alone (no data is read): names, what each is
 * read as, its type, rows and missing values. What the editor completes and checks against,
 * as it does a CSV's header.
 */
import { parquetColumnType, type ParquetKind } from './parquetTypes';
import { openParquet, type ParquetFile } from './parquetFile';

export interface ParquetColumnInfo {
  name: string;
  kind: ParquetKind;
  /** Why skipped, or the Parquet type shown in hover (`INT64`, `DECIMAL(10, 2)`, `TIMESTAMP(MICROS)`). */
  type: string;
  /** The file's rows. */
  rows: number;
  /** Nulls, from the row groups' statistics; absent when a row group does not say. */
  nullCount?: number;
}

/** The top-level columns of the Parquet file at `path`, in file order; throws an InputError naming `displayPath` for a bad file. */
export async function parquetColumns(path: string, displayPath: string): Promise<ParquetColumnInfo[]> {
  return columnInfos(await openParquet(path, displayPath));
}

export function columnInfos({ metadata, schema }: ParquetFile): ParquetColumnInfo[] {
  const rows = Number(metadata.num_rows);
  return schema.children.map((node) => {
    const { name } = node.element;
    const type = parquetColumnType(node);
    const nullCount = type.kind === 'skipped' ? undefined : nullsOf(metadata, name);
    return {
      name,
      kind: type.kind,
      type: type.skipped ?? type.type,
      rows,
      ...(nullCount !== undefined && { nullCount }),
    };
  });
}

/** The nulls of leaf column `name` summed over the row groups, or undefined when one lacks the statistic. */
function nullsOf(metadata: ParquetFile['metadata'], name: string): number | undefined {
  let nulls = 0;
  for (const group of metadata.row_groups) {
    const chunk = group.columns.find((column) => column.meta_data?.path_in_schema.join('.') === name);
    const count = chunk?.meta_data?.statistics?.null_count;
    if (count === undefined) return undefined;
    nulls += Number(count);
  }
  return nulls;
}
