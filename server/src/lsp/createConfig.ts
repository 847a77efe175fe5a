/** GET_CONFIG_TEMPLATE: the text of a new drift.yaml for "Create Monitoring Config…" (configTemplate.ts). */
import type { Connection } from 'vscode-languageserver/node';
import { GET_CONFIG_TEMPLATE, type GetConfigTemplateParams } from '../protocol/messages';
import { configText, guessColumns } from './configTemplate';

export function handleConfigTemplate(connection: Connection): void {
  connection.onRequest(GET_CONFIG_TEMPLATE, ({ reference, current, columns }: GetConfigTemplateParams): string =>
    configText(reference, current, columns, guessColumns(columns.map((c) => c.name))),
  );
}
