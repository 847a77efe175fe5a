/** The perturbation flags: what each reads, how it is written back, and the messages for bad syntax. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/engine/inputError';
import {
  describePerturbation,
  parsePerturbation,
  PERTURBATIONS,
  type PerturbationKind,
} from '../../../src/engine/simulate/perturbation';

function syntaxError(kind: PerturbationKind, text: string): string {
  try {
    parsePerturbation(kind, text);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error(`--${kind} ${text} was accepted`);
}

describe('parsePerturbation', () => {
  it('reads each flag as column=argument', () => {
    expect(parsePerturbation('shift', 'income=-500')).toEqual({ kind: 'shift', column: 'income', amount: -500 });
    expect(parsePerturbation('scale', 'income=1.3')).toEqual({ kind: 'scale', column: 'income', factor: 1.3 });
    expect(parsePerturbation('noise', 'age=2')).toEqual({ kind: 'noise', column: 'age', std: 2 });
    expect(parsePerturbation('swap', 'channel=web:store')).toEqual({
      kind: 'swap',
      column: 'channel',
      first: 'web',
      second: 'store',
    });
    expect(parsePerturbation('new-category', 'channel=kiosk:0.1')).toEqual({
      kind: 'new-category',
      column: 'channel',
      category: 'kiosk',
      share: 0.1,
    });
    expect(parsePerturbation('mix', 'channel=store:0.3')).toEqual({
      kind: 'mix',
      column: 'channel',
      category: 'store',
      share: 0.3,
    });
    expect(parsePerturbation('missing', 'income=0.2')).toEqual({ kind: 'missing', column: 'income', share: 0.2 });
    expect(parsePerturbation('flip-labels', 'churned=0.1')).toEqual({
      kind: 'flip-labels',
      column: 'churned',
      share: 0.1,
    });
    expect(parsePerturbation('shift-probability', 'score=0.2')).toEqual({
      kind: 'shift-probability',
      column: 'score',
      amount: 0.2,
    });
  });

  it('keeps spaces in names and a colon in a new category (the share follows the last colon)', () => {
    expect(parsePerturbation('new-category', 'sales channel=in store: 2:0.5')).toEqual({
      kind: 'new-category',
      column: 'sales channel',
      category: 'in store: 2',
      share: 0.5,
    });
  });

  it('writes every example of the help back as it reads it', () => {
    for (const { kind, example } of PERTURBATIONS) {
      const [flag, text] = example.split(' ');
      expect(flag).toBe(`--${kind}`);
      expect(describePerturbation(parsePerturbation(kind, text))).toBe(example);
    }
  });

  it('says what it takes when the syntax is wrong', () => {
    expect(syntaxError('shift', 'income')).toBe(
      "--shift takes column=amount (e.g. --shift income=5000), not 'income'.",
    );
    expect(syntaxError('shift', '=5')).toBe("--shift takes column=amount (e.g. --shift income=5000), not '=5'.");
    expect(syntaxError('scale', 'income=a lot')).toBe(
      "--scale income=…: the factor must be a number, not 'a lot' (e.g. --scale income=1.3).",
    );
    expect(syntaxError('missing', 'income=')).toBe(
      "--missing income=…: the share must be a number, not '' (e.g. --missing income=0.2).",
    );
    expect(syntaxError('new-category', 'channel=kiosk')).toBe(
      "--new-category takes column=category:share (e.g. --new-category channel=kiosk:0.1), not 'channel=kiosk'.",
    );
    expect(syntaxError('new-category', 'channel=kiosk:many')).toBe(
      "--new-category channel=…: the share must be a number, not 'many' (e.g. --new-category channel=kiosk:0.1).",
    );
    expect(syntaxError('swap', 'channel=web')).toBe(
      "--swap takes column=first:second (e.g. --swap channel=web:store), not 'channel=web'.",
    );
    expect(syntaxError('swap', 'time=10:30:11:00')).toBe(
      "--swap takes column=first:second (e.g. --swap channel=web:store), not 'time=10:30:11:00': a category holding a colon cannot be swapped.",
    );
    expect(syntaxError('noise', 'age=inf')).toBe(
      "--noise age=…: the standard deviation must be a number, not 'inf' (e.g. --noise age=2).",
    );
  });
});
