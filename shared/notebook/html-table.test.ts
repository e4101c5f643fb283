import { describe, expect, it } from 'vitest';
import { decodeEntities, readHtmlTable } from './html-table.js';

const PANDAS = `<div>
<style scoped>
    .dataframe tbody tr th:only-of-type { vertical-align: middle; }
</style>
<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;"><th></th><th>region</th><th>orders</th></tr>
  </thead>
  <tbody>
    <tr><th>0</th><td>eu &amp; uk</td><td>120</td></tr>
  </tbody>
</table>
</div>`;

describe('readHtmlTable', () => {
  it('reads a pandas table as its elements and text, without its style', () => {
    expect(readHtmlTable(PANDAS)).toEqual({
      tag: 'table',
      children: [
        {
          tag: 'thead',
          children: [
            {
              tag: 'tr',
              children: [
                { tag: 'th', children: [] },
                { tag: 'th', children: ['region'] },
                { tag: 'th', children: ['orders'] },
              ],
            },
          ],
        },
        {
          tag: 'tbody',
          children: [
            {
              tag: 'tr',
              children: [
                { tag: 'th', children: ['0'] },
                { tag: 'td', children: ['eu & uk'] },
                { tag: 'td', children: ['120'] },
              ],
            },
          ],
        },
      ],
    });
  });

  it('keeps nothing that could run or load: scripts, handlers, images and links become nothing or text', () => {
    const table = readHtmlTable(
      '<script>alert(1)</script><table onmouseover="x()"><tr><td colspan="2" onclick="y()">a<img src=x onerror=z()><a href="javascript:w()">b</a><script>v()</script></td></tr></table><script>u()</script>',
    );
    expect(table).toEqual({
      tag: 'table',
      children: [{ tag: 'tr', children: [{ tag: 'td', colSpan: 2, children: ['a', 'b'] }] }],
    });
  });

  it('finds no table where there is none', () => {
    expect(readHtmlTable('<p>no table</p>')).toBeNull();
  });

  it('decodes the entities pandas writes', () => {
    expect(decodeEntities('&lt;NA&gt; &#39;x&#x27; &amp;amp; &unknown;')).toBe("<NA> 'x' &amp; &unknown;");
  });
});
