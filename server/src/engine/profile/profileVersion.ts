/**
 * Which drift-monitor wrote a profile, and which reads each profile version: the messages
 * that refuse a profile too new or too old say which version of the program to use.
 */
import { version } from '../../../../package.json';

/** The program that writes profiles, as a profile records it. */
export function createdBy(): string {
  return `drift-monitor ${version}`;
}

/** The first drift-monitor release that reads (and writes) each profile version. */
export const FIRST_READER: Record<number, string> = { 1: '0.1.0' };
