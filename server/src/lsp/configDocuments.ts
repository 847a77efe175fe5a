/**
 * The configs' parses: each config text is parsed once, and its result (the YAML document with its
 * problems and, without errors, the typed config) serves the validation, the analysis, the drift
 * diagnostics and the quick fixes of that text. Keyed by the text itself, so an open document's
 * version and a saved file read from disk are covered alike: an edit (a new version) is a new text.
 * Which documents are configs is the contract's rule (protocol/driftConfigs.ts).
 */
import { parseConfig, type ParsedConfig } from '../engine/config/parse';
import { pathOf } from './uris';

export class ParsedConfigs {
  private readonly entries = new Map<string, { text: string; parsed: ParsedConfig }>();

  /** The parse of `text`, the config at `uri`: the same object while its text stays the same. Not to be changed by the caller. */
  of(uri: string, text: string): ParsedConfig {
    const cached = this.entries.get(uri);
    if (cached?.text === text) return cached.parsed;
    const parsed = parseConfig(text, pathOf(uri));
    this.entries.set(uri, { text, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
