// The yaml package types a map's keys and values, and a list's items, as `unknown`: they can be
// plain values in a document built in code. In a parsed document they are nodes (with ranges),
// and these say so by checking, so the editing code reads ranges without a cast.
import { isNode } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';

/** A parsed map's pairs: its keys are nodes, its values nodes or null (`? key` with no value). */
export function pairsOf(map: YAMLMap): Array<Pair<Node, Node | null>> {
  const pairs = map.items.filter(
    (pair): pair is Pair<Node, Node | null> => isNode(pair.key) && (pair.value === null || isNode(pair.value)),
  );
  if (pairs.length !== map.items.length) throw new TypeError('cannot edit a mapping with a key that is not a node');
  return pairs;
}

/** A parsed list's items, each a node. */
export function itemsOf(seq: YAMLSeq): Node[] {
  const items = seq.items.filter(isNode);
  if (items.length !== seq.items.length) throw new TypeError('cannot edit a list with an item that is not a node');
  return items;
}
