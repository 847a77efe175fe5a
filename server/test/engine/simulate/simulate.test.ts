/**
 * The drift simulator on real files in a temp folder: what each perturbation writes, checked
 * cell by cell and byte by byte against the input; the seed; the file's own form (quotes,
 * CRLF, byte order mark, delimiter, blank lines) kept; the messages for bad input.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/engine/inputError';
import { parsePerturbation, type PerturbationKind } from '../../../src/engine/simulate/perturbation';
import { simulateDrift } from '../../../src/engine/simulate/simulate';
import type { SimulationResult } from '../../../src/engine/simulate/changeSummary';

const scratch = mkdtempSync(join(tmpdir(), 'drift-simulate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;

/** `--shift income=5` → the perturbation. */
function flag(kind: string, text: string) {
  return parsePerturbation(kind as PerturbationKind, text);
}

/** Writes `text` as in.csv in a folder of its own, simulates, returns the output text and the result. */
async function simulate(
  text: string | Buffer,
  flags: [string, string][],
  options: { seed?: number; fromRow?: number } = {},
): Promise<{ output: string; bytes: Buffer; result: SimulationResult; dir: string }> {
  const dir = join(scratch, String(files++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.csv'), text);
  const result = await simulateDrift({
    input: join(dir, 'in.csv'),
    output: join(dir, 'out.csv'),
    inputShown: 'in.csv',
    outputShown: 'out.csv',
    perturbations: flags.map(([kind, value]) => flag(kind, value)),
    seed: options.seed ?? 1,
    fromRow: options.fromRow,
  });
  const bytes = readFileSync(join(dir, 'out.csv'));
  return { output: bytes.toString('utf8'), bytes, result, dir };
}

async function inputError(
  text: string,
  flags: [string, string][],
  options: { fromRow?: number } = {},
): Promise<InputError> {
  const error = await simulate(text, flags, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

const CHANNELS = ['web', 'store', 'app'];

/** Row i of the generated file, its cells as written (the note quoted, with a comma and quotes in it). */
function cells(i: number): Record<string, string> {
  return {
    id: String(i),
    income: String(1000 + i),
    channel: CHANNELS[i % 3],
    churned: String(i % 2),
    score: String((i % 100) / 100),
    note: `"note ${i}, ""quoted"""`,
  };
}
const COLUMNS = ['id', 'income', 'channel', 'churned', 'score', 'note'];
const ROWS = 1000;
const generated =
  [COLUMNS.join(','), ...Array.from({ length: ROWS }, (_, i) => COLUMNS.map((c) => cells(i)[c]).join(','))].join('\n') +
  '\n';

/** The output's cells of `column`, parsed; checks that every other cell of every line is the input's, byte for byte. */
function changedColumn(output: string, column: string): string[] {
  const lines = output.split('\n');
  expect(lines[0]).toBe(COLUMNS.join(','));
  expect(lines.length).toBe(ROWS + 2);
  expect(lines[ROWS + 1]).toBe('');
  const values = columnOf(output, column);
  values.forEach((value, i) =>
    expect(lines[i + 1]).toBe(COLUMNS.map((c) => (c === column ? value : cells(i)[c])).join(',')),
  );
  return values;
}

/** The output's cells of `column`, parsed. */
function columnOf(output: string, column: string): string[] {
  return Papa.parse<Record<string, string>>(output, { header: true, skipEmptyLines: true }).data.map(
    (row) => row[column],
  );
}

function count(values: string[], test: (value: string, i: number) => boolean): number {
  return values.filter(test).length;
}

describe('numeric perturbations', () => {
  const small = 'id,income,score,note\n1,100,0.1,"a, b"\n2,"200",0.95,c\n3,,0.5,"say ""hi"""\n4,400,1,d\n5,NA,0,e\n';

  it('shifts every number by the amount; missing cells and quoting stay as they were', async () => {
    const { output, result } = await simulate(small, [['shift', 'income=50']]);
    expect(output).toBe(
      'id,income,score,note\n1,150,0.1,"a, b"\n2,"250",0.95,c\n3,,0.5,"say ""hi"""\n4,450,1,d\n5,NA,0,e\n',
    );
    expect(result).toEqual({ rows: 5, rowsPerturbed: 5, cellsChanged: [3] });
  });

  it('scales every number, written without floating-point residue', async () => {
    const { output } = await simulate(small, [['scale', 'score=3']]);
    // 0.1 × 3 is 0.30000000000000004 in doubles.
    expect(output).toBe(
      'id,income,score,note\n1,100,0.3,"a, b"\n2,"200",2.85,c\n3,,1.5,"say ""hi"""\n4,400,3,d\n5,NA,0,e\n',
    );
  });

  it('shifts a probability and clamps it to [0, 1]; a value the change leaves alone keeps its spelling', async () => {
    const { output, result } = await simulate(small, [['shift-probability', 'score=0.2']]);
    expect(output).toBe(
      'id,income,score,note\n1,100,0.3,"a, b"\n2,"200",1,c\n3,,0.7,"say ""hi"""\n4,400,1,d\n5,NA,0.2,e\n',
    );
    expect(result.cellsChanged).toEqual([4]);
    const down = await simulate(small, [['shift-probability', 'score=-0.5']]);
    expect(down.output).toBe(
      'id,income,score,note\n1,100,0,"a, b"\n2,"200",0.45,c\n3,,0,"say ""hi"""\n4,400,0.5,d\n5,NA,0,e\n',
    );
  });

  it('adds Gaussian noise of the given standard deviation to every number, written to a thousandth of it', async () => {
    const { output, result } = await simulate(generated, [['noise', 'income=10']]);
    const values = changedColumn(output, 'income');
    expect(result.cellsChanged).toEqual([ROWS]);
    const noise = values.map((v, i) => Number(v) - (1000 + i));
    const mean = noise.reduce((a, b) => a + b, 0) / ROWS;
    const std = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / (ROWS - 1));
    // The mean of 1,000 draws is within 4 standard errors (1.26) of 0; the std within 10% of 10.
    expect(Math.abs(mean)).toBeLessThan(1.3);
    expect(std).toBeGreaterThan(9);
    expect(std).toBeLessThan(11);
    expect(values.every((v) => /^\d+(\.\d{1,2})?$/.test(v))).toBe(true);
  });
});

describe('category perturbations', () => {
  it('swaps two categories everywhere, other categories untouched', async () => {
    const { output, result } = await simulate('id,channel\n1,web\n2,store\n3,web\n4,kiosk\n5,\n', [
      ['swap', 'channel=web:store'],
    ]);
    expect(output).toBe('id,channel\n1,store\n2,web\n3,store\n4,kiosk\n5,\n');
    expect(result.cellsChanged).toEqual([3]);
  });

  it('swaps numeric categories by value, writing them as the column spells them', async () => {
    const { output } = await simulate('id,grade\n1,1\n2,2.0\n3,1.0\n4,3\n', [['swap', 'grade=1:2']]);
    expect(output).toBe('id,grade\n1,2.0\n2,1\n3,2.0\n4,3\n');
  });

  it('puts a new category on exactly round(share × rows) rows', async () => {
    const { output, result } = await simulate(generated, [['new-category', 'channel=kiosk:0.1']]);
    const values = changedColumn(output, 'channel');
    expect(count(values, (v) => v === 'kiosk')).toBe(100);
    expect(count(values, (v, i) => v !== 'kiosk' && v !== CHANNELS[i % 3])).toBe(0);
    expect(result.cellsChanged).toEqual([100]);
  });

  it('quotes a written category that holds the delimiter or a quote', async () => {
    const { output } = await simulate('id,channel\n1,web\n2,store\n', [['new-category', 'channel=a, "b":1']]);
    expect(output).toBe('id,channel\n1,"a, ""b"""\n2,"a, ""b"""\n');
  });

  it('changes the mix: an existing category on a share of rows', async () => {
    const { output, result } = await simulate(generated, [['mix', 'channel=web:0.3']]);
    const values = changedColumn(output, 'channel');
    const changed = count(values, (v, i) => v !== CHANNELS[i % 3]);
    expect(count(values, (v, i) => v !== CHANNELS[i % 3] && v !== 'web')).toBe(0);
    // 300 rows chosen, a third of which held 'web' already.
    expect(changed).toBeGreaterThan(150);
    expect(changed).toBeLessThan(250);
    expect(count(values, (v) => v === 'web')).toBe(334 + changed);
    expect(result.cellsChanged).toEqual([changed]);
  });
});

describe('missing values and labels', () => {
  it('empties exactly round(share × rows) cells', async () => {
    const { output, result } = await simulate(generated, [['missing', 'income=0.2']]);
    const values = changedColumn(output, 'income');
    expect(count(values, (v) => v === '')).toBe(200);
    expect(count(values, (v, i) => v !== '' && v !== String(1000 + i))).toBe(0);
    expect(result.cellsChanged).toEqual([200]);
  });

  it('writes a quoted cell emptied as "", and NA where an empty cell would make a blank line', async () => {
    expect((await simulate('id,income\n1,"5"\n', [['missing', 'income=1']])).output).toBe('id,income\n1,""\n');
    expect((await simulate('income\n5\n6\n', [['missing', 'income=1']])).output).toBe('income\nNA\nNA\n');
  });

  it('flips exactly round(share × rows) binary labels to the other class', async () => {
    const { output, result } = await simulate(generated, [['flip-labels', 'churned=0.25']]);
    const values = changedColumn(output, 'churned');
    expect(count(values, (v, i) => v === String(1 - (i % 2)))).toBe(250);
    expect(count(values, (v, i) => v === String(i % 2))).toBe(750);
    expect(result.cellsChanged).toEqual([250]);
  });

  it('flips multiclass labels to one of the other classes, each about as often', async () => {
    const { output } = await simulate(generated, [['flip-labels', 'channel=0.6']]);
    const values = changedColumn(output, 'channel');
    expect(count(values, (v, i) => v !== CHANNELS[i % 3])).toBe(600);
    expect(values.every((v) => CHANNELS.includes(v))).toBe(true);
    const fromWeb = values.filter((v, i) => i % 3 === 0 && v !== 'web');
    expect(count(fromWeb, (v) => v === 'store') / fromWeb.length).toBeGreaterThan(0.35);
    expect(count(fromWeb, (v) => v === 'store') / fromWeb.length).toBeLessThan(0.65);
  });

  it('leaves a missing label missing', async () => {
    const { output, result } = await simulate('id,label\n1,yes\n2,\n3,no\n', [['flip-labels', 'label=1']]);
    expect(output).toBe('id,label\n1,no\n2,\n3,yes\n');
    expect(result.cellsChanged).toEqual([2]);
  });
});

describe('the seed, the order and the rows perturbed', () => {
  const flags: [string, string][] = [
    ['noise', 'score=0.1'],
    ['missing', 'income=0.3'],
    ['flip-labels', 'churned=0.2'],
  ];

  it('gives byte-identical files for the same seed and different ones for another', async () => {
    const first = await simulate(generated, flags, { seed: 7 });
    const again = await simulate(generated, flags, { seed: 7 });
    const other = await simulate(generated, flags, { seed: 8 });
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(other.bytes.equals(first.bytes)).toBe(false);
    // Each perturbation draws on its own: the missing cells differ with the seed too.
    expect(columnOf(other.output, 'income')).not.toEqual(columnOf(first.output, 'income'));
  });

  it('leaves the rows earlier perturbations picked when one is appended', async () => {
    const two = await simulate(generated, flags.slice(0, 2));
    const three = await simulate(generated, flags);
    expect(columnOf(three.output, 'income')).toEqual(columnOf(two.output, 'income'));
    expect(columnOf(three.output, 'score')).toEqual(columnOf(two.output, 'score'));
  });

  it('copies the input byte for byte with no perturbation', async () => {
    const { bytes, result } = await simulate(generated, []);
    expect(bytes.equals(Buffer.from(generated))).toBe(true);
    expect(result).toEqual({ rows: ROWS, rowsPerturbed: ROWS, cellsChanged: [] });
  });

  it('applies perturbations in the order given, each to what the ones before wrote', async () => {
    const shiftedThenEmptied = await simulate('id,x\n1,1\n2,2\n', [
      ['shift', 'x=10'],
      ['missing', 'x=1'],
    ]);
    expect(shiftedThenEmptied.output).toBe('id,x\n1,\n2,\n');
    expect(shiftedThenEmptied.result.cellsChanged).toEqual([2, 2]);
    const emptiedThenShifted = await simulate('id,x\n1,1\n2,2\n', [
      ['missing', 'x=1'],
      ['shift', 'x=10'],
    ]);
    expect(emptiedThenShifted.result.cellsChanged).toEqual([2, 0]);
    // A category added earlier can be named later.
    const added = await simulate('id,c\n1,a\n2,b\n', [
      ['new-category', 'c=z:1'],
      ['swap', 'c=z:b'],
    ]);
    expect(added.output).toBe('id,c\n1,b\n2,b\n');
    expect(added.result.cellsChanged).toEqual([2, 2]);
  });

  it('perturbs only the rows from --from-row on, the share taken of those', async () => {
    const { output, result } = await simulate(generated, [['missing', 'income=0.5']], { fromRow: 801 });
    const values = changedColumn(output, 'income');
    expect(count(values.slice(0, 800), (v) => v === '')).toBe(0);
    expect(count(values.slice(800), (v) => v === '')).toBe(100);
    expect(result).toEqual({ rows: ROWS, rowsPerturbed: 200, cellsChanged: [100] });
  });
});

describe("the file's own form", () => {
  it('keeps CRLF line breaks, the byte order mark, the semicolon delimiter and a last line without a line break', async () => {
    const input = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('id;x;name\r\n1;10;"a;b"\r\n2;20;"multi\r\nline"\r\n3;30;c'),
    ]);
    const { bytes } = await simulate(input, [['shift', 'x=1']]);
    expect(
      bytes.equals(
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from('id;x;name\r\n1;11;"a;b"\r\n2;21;"multi\r\nline"\r\n3;31;c'),
        ]),
      ),
    ).toBe(true);
  });

  it('keeps blank lines, not counting them as rows, and a row whose quoted cell spans lines', async () => {
    const { output } = await simulate('id,note,x\n1,"two\nlines",1\n\n   \n2,plain,2\n3,"x",3\n', [['shift', 'x=5']], {
      fromRow: 2,
    });
    expect(output).toBe('id,note,x\n1,"two\nlines",1\n\n   \n2,plain,7\n3,"x",8\n');
  });

  it('keeps bytes that are not UTF-8 in cells it does not change', async () => {
    const latin1 = Buffer.concat([Buffer.from('name,x\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from(',1\n')]);
    const { bytes } = await simulate(latin1, [['shift', 'x=1']]);
    expect(
      bytes.equals(
        Buffer.concat([Buffer.from('name,x\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from(',2\n')]),
      ),
    ).toBe(true);
  });

  it('streams a file of several chunks, quoted line breaks falling across chunk boundaries', async () => {
    const rows = 60_000;
    const line = (i: number, x: string) => `${i},"${'long text, '.repeat(i % 5)}\nsecond line ""${i}""",${x}`;
    const input = ['id,note,x', ...Array.from({ length: rows }, (_, i) => line(i, String(i)))].join('\n') + '\n';
    expect(input.length).toBeGreaterThan(3 * 2 ** 20);
    const { output, result } = await simulate(input, [['shift', 'x=1']]);
    expect(output).toBe(
      ['id,note,x', ...Array.from({ length: rows }, (_, i) => line(i, String(i + 1)))].join('\n') + '\n',
    );
    expect(result.cellsChanged).toEqual([rows]);
  });
});

describe('bad input', () => {
  const text = 'id,income,channel,score\n1,100,web,0.5\n2,200,store,1.5\n';

  it('names the file and the column it lacks, with a suggestion or the columns', async () => {
    const typo = await inputError(text, [['shift', 'incme=5']]);
    expect(typo.message).toBe("in.csv has no column 'incme', which --shift names (did you mean 'income'?).");
    expect(typo.location).toEqual({ file: 'in.csv', column: 'incme' });
    expect((await inputError(text, [['missing', 'salary=0.1']])).message).toBe(
      "in.csv has no column 'salary', which --missing names. Its columns are 'id', 'income', 'channel', 'score'.",
    );
  });

  it('refuses a numeric perturbation of a text column, and a probability shift outside [0, 1]', async () => {
    const text1 = await inputError(text, [['scale', 'channel=2']]);
    expect(text1.message).toBe("in.csv, column 'channel': --scale changes numbers, but the column holds text ('web').");
    expect(text1.location).toEqual({ file: 'in.csv', column: 'channel' });
    expect((await inputError(text, [['shift-probability', 'score=0.1']])).message).toBe(
      "in.csv, column 'score': --shift-probability needs probabilities from 0 to 1, but the column holds numbers from 0.5 to 1.5.",
    );
    expect((await inputError('id,x\n1,\n2,NA\n', [['shift', 'x=1']])).message).toBe(
      "in.csv, column 'x': --shift changes numbers, but the column holds no numbers.",
    );
    const manyNumbers = ['id,x', ...Array.from({ length: 100 }, (_, i) => `${i},${i}`), '100,oops', '101,oops'].join(
      '\n',
    );
    expect((await inputError(manyNumbers, [['shift', 'x=1']])).message).toBe(
      "in.csv, column 'x': --shift changes numbers, but the column holds text in 2 cells.",
    );
    expect((await inputError(text, [['noise', 'income=-1']])).message).toBe(
      "in.csv, column 'income': the standard deviation of --noise must be 0 or more, not -1.",
    );
  });

  it('refuses a share outside [0, 1]', async () => {
    const error = await inputError(text, [['missing', 'income=1.5']]);
    expect(error.message).toBe("in.csv, column 'income': the share of rows of --missing must be from 0 to 1, not 1.5.");
    expect(error.location).toEqual({ file: 'in.csv', column: 'income' });
    expect((await inputError(text, [['new-category', 'channel=kiosk:-0.1']])).message).toBe(
      "in.csv, column 'channel': the share of rows of --new-category must be from 0 to 1, not -0.1.",
    );
  });

  it('refuses an unknown category to swap or mix, and a new category the column has', async () => {
    expect((await inputError(text, [['swap', 'channel=webb:store']])).message).toBe(
      "in.csv, column 'channel': --swap names the category 'webb', which the column does not hold (did you mean 'web'?).",
    );
    expect((await inputError(text, [['mix', 'channel=kiosk:0.2']])).message).toBe(
      "in.csv, column 'channel': --mix names the category 'kiosk', which the column does not hold. Its categories are 'web', 'store'.",
    );
    expect((await inputError(text, [['new-category', 'channel=web:0.2']])).message).toBe(
      "in.csv, column 'channel': 'web' is already a category of the column; --new-category adds one it does not hold (--mix raises the share of an existing one).",
    );
    expect((await inputError(text, [['new-category', 'channel=NA:0.2']])).message).toBe(
      "in.csv, column 'channel': 'NA' would read as a missing value, not a category; --missing empties cells.",
    );
  });

  it('refuses to flip a column that is not a label column', async () => {
    expect((await inputError(generated, [['flip-labels', 'income=0.1']])).message).toBe(
      "in.csv, column 'income': --flip-labels changes a label to another class, but the column holds more than 64 distinct numbers: it is not a label column.",
    );
    expect((await inputError('id,c\n1,a\n2,a\n', [['flip-labels', 'c=0.1']])).message).toBe(
      "in.csv, column 'c': --flip-labels changes a label to another class, but the column holds only 'a'.",
    );
  });

  it("refuses a start row past the file's rows", async () => {
    expect((await inputError(text, [], { fromRow: 3 })).message).toBe(
      'in.csv has 2 data rows, so no row 3 to start the perturbations from.',
    );
  });

  it("reports the reader's problems with the file, naming the line", async () => {
    expect((await inputError('id,x\n1,2\n3\n', [['shift', 'x=1']])).message).toBe(
      "in.csv line 3 has 1 field, but the header has 2: no value for column 'x'.",
    );
    expect((await inputError('id,x\n1,"2\n', [['shift', 'x=1']])).message).toBe(
      "in.csv line 2, column 'x': the quote that opens this field is never closed.",
    );
    const absent = await simulateDrift({
      input: join(scratch, 'absent.csv'),
      output: join(scratch, 'out.csv'),
      inputShown: 'absent.csv',
      perturbations: [],
      seed: 1,
    }).catch((e: unknown) => e);
    expect((absent as InputError).message).toBe('absent.csv: file not found.');
    expect(existsSync(join(scratch, 'out.csv'))).toBe(false);
  });

  it('refuses to write over the input, by its path or through a link, and leaves it as it was', async () => {
    const dir = join(scratch, 'same');
    mkdirSync(dir);
    const input = join(dir, 'in.csv');
    writeFileSync(input, text);
    symlinkSync(input, join(dir, 'link.csv'));
    for (const output of [input, join(dir, '.', 'in.csv'), join(dir, 'link.csv')]) {
      const error = await simulateDrift({
        input,
        output,
        outputShown: 'out.csv',
        perturbations: [flag('shift', 'income=1')],
        seed: 1,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe(
        'out.csv is the input file itself; write the simulated copy to another file.',
      );
    }
    expect(readFileSync(input, 'utf8')).toBe(text);
  });

  it('names an output it cannot write, and leaves no partial file', async () => {
    const dir = join(scratch, 'unwritable');
    mkdirSync(dir);
    writeFileSync(join(dir, 'in.csv'), text);
    const error = await simulateDrift({
      input: join(dir, 'in.csv'),
      output: join(dir, 'no-such-folder', 'out.csv'),
      outputShown: 'no-such-folder/out.csv',
      perturbations: [],
      seed: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('Cannot write no-such-folder/out.csv (ENOENT).');
    expect(readdirSync(dir)).toEqual(['in.csv']);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });
});
