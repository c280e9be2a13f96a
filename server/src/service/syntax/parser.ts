import { Language, Parser, Query, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Tree };

/** Where the runtime and grammar wasm live: next to the bundle in production, in node_modules in tests. */
export interface WasmLocation {
  runtimeWasm: string;
  grammarWasm: string;
}

/** A slice budget keeps one huge file from starving other requests: the parse yields and resumes. */
const SLICE_MS = 40;

export class HclParser {
  private readonly parser: Parser;
  /** A separate parser for sliced parses: a halted parse resumes on its parser's next call, so nothing else may use it. */
  private readonly slicedParser: Parser;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
    this.slicedParser = new Parser();
    this.slicedParser.setLanguage(language);
  }

  static async create(location: WasmLocation): Promise<HclParser> {
    await Parser.init({ locateFile: () => location.runtimeWasm });
    const language = await Language.load(location.grammarWasm);
    return new HclParser(language);
  }

  query(source: string): Query {
    return new Query(this.language, source);
  }

  /** Synchronous parse; fine for ordinary files. */
  parse(text: string, oldTree?: Tree | null): Tree {
    this.parser.reset();
    const tree = this.parser.parse(text, oldTree ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /**
   * Parses in time slices, yielding to the event loop between them, so a multi-megabyte file never blocks
   * the server for long. `isCancelled` lets a newer version of the document abandon this parse.
   */
  parseSliced(
    text: string,
    oldTree: Tree | null,
    isCancelled: () => boolean = () => false,
  ): Promise<Tree | null> {
    const run = async (): Promise<Tree | null> => {
      this.slicedParser.reset();
      for (;;) {
        if (isCancelled()) {
          this.slicedParser.reset();
          return null;
        }
        const deadline = Date.now() + SLICE_MS;
        const tree = this.slicedParser.parse(text, oldTree, {
          progressCallback: () => Date.now() > deadline,
        });
        if (tree) return tree;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
