import { describe, expect, it } from 'vitest';
import { inlineSpans, markdownBlocks } from './markdown-blocks.js';

describe('markdown blocks', () => {
  it('reads a model card: heading, paragraph, table, list, code', () => {
    const blocks = markdownBlocks(
      '# Model card\n\nTrained on **4,000** rows.\nSeed `7`.\n\n| metric | value |\n|---|---:|\n| AUC | 0.91 |\n\n- one\n- two\n\n```\nprint(1)\n```\n---\n',
    );
    expect(blocks.map((block) => block.kind)).toEqual(['heading', 'paragraph', 'table', 'list', 'code', 'rule']);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      spans: [
        { kind: 'text', text: 'Trained on ' },
        { kind: 'strong', spans: [{ kind: 'text', text: '4,000' }] },
        { kind: 'text', text: ' rows. Seed ' },
        { kind: 'code', text: '7' },
        { kind: 'text', text: '.' },
      ],
    });
    expect(blocks[2]).toMatchObject({ kind: 'table', rows: [[[{ text: 'AUC' }], [{ text: '0.91' }]]] });
    expect(blocks[4]).toEqual({ kind: 'code', text: 'print(1)' });
  });

  it('keeps raw HTML as text and links as words with their address, images as alt text', () => {
    expect(markdownBlocks('<script>alert(1)</script>')).toEqual([
      { kind: 'paragraph', spans: [{ kind: 'text', text: '<script>alert(1)</script>' }] },
    ]);
    expect(inlineSpans('[docs](javascript:alert(1)) ![roc](roc.png)')).toEqual([
      { kind: 'link', spans: [{ kind: 'text', text: 'docs' }], href: 'javascript:alert(1' },
      { kind: 'text', text: ') ' },
      { kind: 'text', text: '[image: roc]' },
    ]);
    expect(inlineSpans('a `*b*` c')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'code', text: '*b*' },
      { kind: 'text', text: ' c' },
    ]);
  });

  it('reads underscores inside a word as the word, and around words as emphasis', () => {
    expect(inlineSpans('| min_samples_leaf | 5 |')).toEqual([{ kind: 'text', text: '| min_samples_leaf | 5 |' }]);
    expect(inlineSpans('snake_case_name and x__y__z')).toEqual([{ kind: 'text', text: 'snake_case_name and x__y__z' }]);
    expect(inlineSpans('_a_ and __b__, *c_d* and **e_f**')).toEqual([
      { kind: 'em', spans: [{ kind: 'text', text: 'a' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'strong', spans: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ', ' },
      { kind: 'em', spans: [{ kind: 'text', text: 'c_d' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'strong', spans: [{ kind: 'text', text: 'e_f' }] },
    ]);
  });
});
