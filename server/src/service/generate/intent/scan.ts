// Tokenising a request: words (hyphenated words split, possessives stripped), entity spans claimed by patterns,
// phrase matching against the lexicon with plural and typo tolerance.
import { editDistance } from '../../features/didYouMean';
import { type Concept, FILLER, LEXICON, NUMBER_WORDS, VOCABULARY } from './lexicon';

export interface Token {
  /** The word as written. */
  text: string;
  /** Lower-case, singular, typo-corrected form used for matching. */
  norm: string;
  start: number;
  end: number;
  /** Claimed by an entity pattern or a phrase: it counts as understood. */
  used: boolean;
  /** The word was corrected from a typo. */
  corrected?: string;
}

export interface Match {
  concept: Concept;
  /** Token index range [first, last]. */
  first: number;
  last: number;
  start: number;
  end: number;
}

/** Concept words that also serve as names of a component ("email queue", "logs search"). */
const NAME_WORDS = new Set([
  'email',
  'upload',
  'session',
  'log',
  'image',
  'event',
  'search',
  'signup',
  'audit',
  'report',
  'notification',
  'order',
  'payment',
  'web',
  'admin',
]);

/** Filler words that still belong to a purpose when a meaningful word follows ("for user sessions"). */
const PURPOSE_WORDS = new Set([
  'user',
  'customer',
  'application',
  'app',
  'team',
  'product',
  'item',
  'data',
  'order',
]);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

/** Singular candidates of an English plural, most likely first. */
function singulars(w: string): string[] {
  const out: string[] = [];
  if (w.endsWith('ies') && w.length > 4) out.push(w.slice(0, -3) + 'y');
  if (w.endsWith('es') && w.length > 3) out.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 2) out.push(w.slice(0, -1));
  return out;
}

const KNOWN_SINGLE = new Set(
  [...LEXICON.values()].flatMap((l) => l.map((e) => e.words.join(' '))).filter((p) => !p.includes(' ')),
);
const PHRASE_WORDS = new Set([...LEXICON.values()].flatMap((l) => l.flatMap((e) => e.words)));

function isKnown(w: string): boolean {
  return PHRASE_WORDS.has(w) || FILLER.has(w) || w in NUMBER_WORDS;
}

/** Normalises a word: lower case, possessive stripped, plural to singular, a typo to the nearest vocabulary word. */
export function normalise(raw: string): { norm: string; corrected?: string } {
  const w = raw
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  if (isKnown(w) || /\d/.test(w)) return { norm: w };
  for (const s of singulars(w)) if (PHRASE_WORDS.has(s) || FILLER.has(s)) return { norm: s };
  if (w.length >= 5) {
    const max = w.length >= 9 ? 2 : 1;
    let best: string | undefined;
    let bestD = max + 1;
    for (const candidate of VOCABULARY) {
      // People rarely get the first letter wrong; requiring it keeps corrections from inventing meaning.
      if (candidate[0] !== w[0]) continue;
      const d = editDistance(w, candidate, Math.min(max, bestD));
      if (d < bestD || (d === bestD && best !== undefined && candidate < best)) {
        best = candidate;
        bestD = d;
      }
    }
    if (best && bestD <= max) return { norm: best, corrected: best };
    for (const s of singulars(w)) {
      for (const candidate of VOCABULARY) {
        if (s.length >= 5 && candidate[0] === s[0] && editDistance(s, candidate, 1) <= 1)
          return { norm: candidate, corrected: candidate };
      }
    }
  }
  return { norm: w };
}

export class Scan {
  readonly lower: string;
  readonly tokens: Token[] = [];
  matches: Match[] = [];

  constructor(readonly text: string) {
    this.lower = text.toLowerCase();
    for (const m of text.matchAll(WORD)) {
      const start = m.index!;
      const { norm, corrected } = normalise(m[0]);
      this.tokens.push({ text: m[0], norm, start, end: start + m[0].length, used: false, corrected });
    }
  }

  /** Marks the tokens overlapping [start, end) as understood. */
  claimSpan(start: number, end: number): void {
    for (const t of this.tokens) if (t.start < end && t.end > start) t.used = true;
  }

  /**
   * Every match of a pattern on the lower-case text; claims the matched text unless `claim` is false. The pattern
   * must have the g flag.
   */
  all(pattern: RegExp, claim = true): RegExpMatchArray[] {
    const out: RegExpMatchArray[] = [];
    for (const m of this.lower.matchAll(pattern)) {
      out.push(m);
      if (claim) this.claimSpan(m.index!, m.index! + m[0].length);
    }
    return out;
  }

  /** The first match of a (non-global) pattern, claimed. */
  first(pattern: RegExp, claim = true): RegExpMatchArray | undefined {
    const m = pattern.exec(this.lower);
    if (m && claim) this.claimSpan(m.index, m.index + m[0].length);
    return m ?? undefined;
  }

  /** Phrase matching over the tokens: longest phrase first, left to right. */
  matchPhrases(): void {
    const toks = this.tokens;
    for (let i = 0; i < toks.length; i++) {
      const entries = LEXICON.get(toks[i].norm);
      if (!entries) continue;
      for (const e of entries) {
        if (i + e.words.length > toks.length) continue;
        let ok = true;
        for (let k = 0; k < e.words.length && ok; k++) {
          const t = toks[i + k];
          ok = t.norm === e.words[k] || (k > 0 && singulars(t.norm).includes(e.words[k]));
          // Words of a phrase must be adjacent (a space or hyphen apart).
          if (ok && k > 0 && !/^[\s-]*$/.test(this.text.slice(toks[i + k - 1].end, t.start))) ok = false;
        }
        if (!ok) continue;
        const last = i + e.words.length - 1;
        this.matches.push({ concept: e.concept, first: i, last, start: toks[i].start, end: toks[last].end });
        i = last;
        break;
      }
    }
  }

  has(concept: Concept): boolean {
    return this.matches.some((m) => m.concept === concept);
  }

  find(concept: Concept): Match[] {
    return this.matches.filter((m) => m.concept === concept);
  }

  /** Marks every occurrence of concepts as understood. */
  use(...concepts: Concept[]): void {
    for (const m of this.matches) {
      if (concepts.includes(m.concept)) for (let i = m.first; i <= m.last; i++) this.tokens[i].used = true;
    }
  }

  useMatch(m: Match): void {
    for (let i = m.first; i <= m.last; i++) this.tokens[i].used = true;
  }

  /** Unknown words immediately before token `index` (up to `max`), e.g. "billing" in "billing queue". */
  modifiersBefore(index: number, max = 2): Token[] {
    const out: Token[] = [];
    for (let i = index - 1; i >= 0 && out.length < max; i--) {
      const t = this.tokens[i];
      const gap = this.text.slice(t.end, this.tokens[i + 1].start);
      if (!/^[\s-]*$/.test(gap)) break;
      const nameWord = NAME_WORDS.has(t.norm) && !t.used;
      if (
        !nameWord &&
        (t.used ||
          FILLER.has(t.norm) ||
          KNOWN_SINGLE.has(t.norm) ||
          PHRASE_WORDS.has(t.norm) ||
          /^\d/.test(t.norm))
      )
        break;
      out.unshift(t);
    }
    this.dropMatchesIn(out);
    return out;
  }

  /** Forgets the concepts of tokens that turned out to be a name ("email" in "email queue"). */
  dropMatchesIn(tokens: Token[]): void {
    if (tokens.length === 0) return;
    const first = this.tokens.indexOf(tokens[0]);
    const last = this.tokens.indexOf(tokens[tokens.length - 1]);
    this.matches = this.matches.filter((m) => m.last < first || m.first > last);
  }

  /** Claims a regex match and forgets the concepts inside it. */
  consume(m: RegExpMatchArray | undefined): void {
    if (!m) return;
    const start = m.index!;
    const end = start + m[0].length;
    this.claimSpan(start, end);
    this.matches = this.matches.filter((x) => x.end <= start || x.start >= end);
  }

  /** Unknown words right after "for" following token `index` (a purpose: "cache for user sessions"). */
  purposeAfter(index: number, max = 3): Token[] {
    const toks = this.tokens;
    let i = index + 1;
    if (toks[i]?.norm !== 'for') return [];
    i++;
    while (toks[i] && ['the', 'our', 'my', 'a', 'an', 'all'].includes(toks[i].norm)) i++;
    const out: Token[] = [];
    while (toks[i] && out.length < max) {
      const t = toks[i];
      if (out.length > 0 && !/^[\s-]*$/.test(this.text.slice(toks[i - 1].end, t.start))) break;
      const purposeWord = PURPOSE_WORDS.has(t.norm) && toks[i + 1] && !FILLER.has(toks[i + 1].norm);
      if (!purposeWord && (t.used || FILLER.has(t.norm) || /^\d/.test(t.norm))) break;
      if (PHRASE_WORDS.has(t.norm) && !NAME_WORDS.has(t.norm) && !purposeWord) break;
      out.push(t);
      i++;
    }
    this.dropMatchesIn(out);
    return out;
  }

  /** Meaningful words nobody used, grouped into runs of adjacent words ("flux capacitor"). */
  leftovers(): string[] {
    const out: string[] = [];
    let run: Token[] = [];
    const flush = () => {
      if (run.length > 0) out.push(this.text.slice(run[0].start, run[run.length - 1].end));
      run = [];
    };
    this.tokens.forEach((t, i) => {
      const meaningful = !t.used && !FILLER.has(t.norm) && !(t.norm in NUMBER_WORDS) && !/^\d+$/.test(t.norm);
      if (!meaningful) return flush();
      const prev = this.tokens[i - 1];
      if (run.length > 0 && prev !== run[run.length - 1]) flush();
      if (run.length > 0 && /[.,;:!?()]/.test(this.text.slice(prev.end, t.start))) flush();
      run.push(t);
    });
    flush();
    return out;
  }
}

/** A number written as digits or a word ("three", "a dozen"). */
export const NUM = String.raw`(\d+(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety|a hundred|a dozen|a couple of|a single|single)`;

export function numValue(text: string): number {
  const t = text
    .trim()
    .replace(/^a\s+/, '')
    .replace(/\s+of$/, '');
  if (/^\d/.test(t)) return Number(t);
  return NUMBER_WORDS[t] ?? NaN;
}
