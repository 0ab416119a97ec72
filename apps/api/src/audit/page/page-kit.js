/*
 * What the audit and steering pages' scripts share, served in front of each of them, so that each page still
 * loads one script of its own origin: building elements from data (always as text, never as HTML), and
 * asking this api with the reader's token. Plain browser JavaScript, no build step.
 */
'use strict';

// eslint-disable-next-line no-redeclare, @typescript-eslint/no-unused-vars -- the global the page script served after this one reads
const pageKit = (() => {
  const SVG = 'http://www.w3.org/2000/svg';

  function filled(node, attributes, children) {
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    return node;
  }

  /** An element with attributes and children (strings become text nodes). */
  const el = (tag, attributes = {}, ...children) => filled(document.createElement(tag), attributes, children);
  const svgEl = (tag, attributes = {}, ...children) => filled(document.createElementNS(SVG, tag), attributes, children);

  class Refused extends Error {}
  class Missing extends Error {}

  /** GET on this api with the token; 401/403 and 404 become Refused and Missing. */
  async function api(path, token) {
    const response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    if (response.status === 401 || response.status === 403) throw new Refused(String(response.status));
    if (response.status === 404) throw new Missing(path);
    if (!response.ok) throw new Error(`The api answered ${response.status}`);
    return response.json();
  }

  return { el, svgEl, Refused, Missing, api };
})();
