import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const README = join(__dirname, '..', '..', '..', 'README.md');

/**
 * The journey of README.md as one bash script: the `sh` blocks between `<!-- journey -->` and `<!-- /journey -->`,
 * in order. `npm run demo` and its test run exactly what a newcomer pastes, so the README cannot drift from the
 * product.
 */
export function journeyScript(readme: string = readFileSync(README, 'utf8')): string {
  const start = readme.indexOf('<!-- journey -->');
  const end = readme.indexOf('<!-- /journey -->');
  if (start < 0 || end < start) throw new Error('README.md has no <!-- journey --> … <!-- /journey --> section');
  const blocks = [...readme.slice(start, end).matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  if (blocks.length === 0) throw new Error('The journey section of README.md has no sh block');
  return blocks.join('\n');
}
