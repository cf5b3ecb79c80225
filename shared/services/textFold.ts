/**
 * Text as the moderation rules compare it, so a blocked term or a link cannot hide behind
 * lookalike characters: compatibility forms folded (fullwidth letters, ligatures), accents and
 * invisible format characters (zero-width spaces and joiners, soft hyphens, bidi controls)
 * removed, the common Cyrillic and Greek lookalikes of Latin letters mapped to them, lowercased.
 * Only for matching: what a reader wrote is stored and shown exactly as written.
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ɡ: 'g',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
};

const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

export function foldForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{Mn}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(LOOKALIKE, (c) => LOOKALIKES[c] ?? c)
    .normalize('NFKC');
}
