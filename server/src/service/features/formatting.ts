import type { TextEdit } from 'vscode-languageserver-types';
import type { TfDocument } from '../workspace/document';
export function formatDocument(_doc: TfDocument): TextEdit[] {
  return [];
}
