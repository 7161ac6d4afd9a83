import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { invalidArgument } from '../errors';

// A chosen password must be long and not obvious. Length alone accepted "aaaaaaaaaaaa"; zxcvbn-ts
// (Dropbox's estimator, maintained in TypeScript) also knows common passwords, keyboard walks,
// repeats, sequences, dates, names and words, and the user's own login. Score 3 of 4 is the
// estimator's "safely unguessable" (about 10^8 guesses and up), enough against a slow hash like ours.
// Its dictionaries cost ≈ 40 MB and ≈ 0.3 s, so they load on the first password chosen, not at start.

export const MIN_PASSWORD_LENGTH = 12;
const MIN_SCORE = 3;

let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    return new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });
  })();
  return estimator;
}

/** Throws `invalid_argument` on `field` when the password is short or easy to guess; `context` (login, name) counts as known. */
export async function assertStrongPassword(field: string, password: string, context: (string | null | undefined)[] = []): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalidArgument(`${field}: use at least ${MIN_PASSWORD_LENGTH} characters`, { field });
  const known = [...context.filter((word): word is string => Boolean(word)), 'shepherd', 'containerd'];
  const result = (await loadEstimator()).check(password, known);
  if (result.score < MIN_SCORE) {
    const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    throw invalidArgument(`${field}: this password is too easy to guess.${why ? ` ${why}` : ''}`, { field });
  }
}
