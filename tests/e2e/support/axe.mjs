// Accessibility checks with axe-core: WCAG 2.0, 2.1 and 2.2 at levels A and
// AA. A violation fails the test with the rule, its impact and the elements.

import { AxeBuilder } from '@axe-core/playwright';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe on the page (or the `include` selector) and throws on any
 * violation. `exclude` and `disableRules` exist for third-party content;
 * say why next to every use. Returns the full axe results.
 */
export async function checkA11y(page, { include = null, exclude = [], disableRules = [], label = '' } = {}) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder = builder.include(include);
  for (const selector of exclude) builder = builder.exclude(selector);
  if (disableRules.length > 0) builder = builder.disableRules(disableRules);
  const results = await builder.analyze();
  if (results.violations.length > 0) {
    const lines = results.violations.map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).map((s) => s.trim()).join('; ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
      return `  ${v.id} (${v.impact}): ${v.help}\n${nodes}${more}`;
    });
    throw new Error(
      `axe: ${results.violations.length} WCAG violation(s)${label ? ` on ${label}` : ''}:\n${lines.join('\n')}`,
    );
  }
  return results;
}
