import type { DuckDBConnection } from '@duckdb/node-api';
import type { LabelledDescription } from '../../src/analytics/descriptions.js';
import { insertItems } from './ring.js';
import { seededRandom } from '../support/random.js';

/** Goods as traders describe them, by HS chapter: the words a chapter's descriptions are made of. */
export const GOODS: Record<string, { commodity: string; products: string[] }> = {
  '09': {
    commodity: '0902100000',
    products: ['green tea', 'black tea leaves', 'coffee beans', 'roasted coffee', 'ground black pepper', 'cinnamon sticks', 'jasmine tea', 'instant coffee'],
  },
  '42': { commodity: '4202210000', products: ['leather handbag', 'travel bag', 'leather wallet', 'school backpack', 'hard shell suitcase', 'purse'] },
  '61': {
    commodity: '6109100010',
    products: ['cotton t-shirt', 'knitted sweater', 'wool cardigan', 'jersey pullover', 'T SHIRT', 'knitted socks', 'polo shirt knit', 'hoodie sweatshirt'],
  },
  '64': {
    commodity: '6403990000',
    products: ['leather shoes', 'running shoes', 'beach sandals', 'ankle boots', 'sneakers', 'house slippers', 'football boots', 'high heel shoes'],
  },
  '69': {
    commodity: '6912002300',
    products: ['porcelain teapot', 'ceramic mug', 'ceramic dinner plate', 'porcelain vase', 'stoneware bowl', 'ceramic floor tiles'],
  },
  '71': { commodity: '7113110000', products: ['silver ring', 'gold necklace', 'silver earrings', 'gold bracelet', 'pearl necklace', 'diamond pendant'] },
  '85': {
    commodity: '8517130000',
    products: [
      'mobile phone',
      'smartphone 128GB',
      'usb-c cable',
      'bluetooth headphones',
      'phone charger',
      'lithium ion battery',
      'led desk lamp',
      'electric kettle',
    ],
  },
  '95': {
    commodity: '9503007000',
    products: ['toy car', 'plush teddy toy', 'board game', 'jigsaw puzzle 1000 pieces', 'fashion doll', 'building blocks toy set', 'video game controller'],
  },
};

const COLOURS = ['red', 'blue', 'black', 'white', 'green', 'pink', 'grey', ''];
const EXTRAS = ['', 'pack of 2', 'for women', 'for men', 'kids', 'size M', 'gift set', 'new', '2 pcs', 'premium quality'];

/** `perChapter` descriptions of each chapter's goods, varied the way listings vary, reproducibly. */
export function corpus(perChapter: number, seed = 26): LabelledDescription[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  return Object.entries(GOODS).flatMap(([chapter, goods]) =>
    Array.from({ length: perChapter }, () => ({
      description: [pick(COLOURS), pick(goods.products), pick(EXTRAS), String(Math.floor(random() * 10_000))].filter(Boolean).join(' '),
      chapter,
      count: 1,
    })),
  );
}

/** A year of history from the corpus, then January 2026 with two planted misclassifications. */
export async function plantDescriptions(connection: DuckDBConnection): Promise<void> {
  await insertItems(
    connection,
    corpus(200).map((e, i) => ({ declaration: `H${i}`, description: e.description, commodity: GOODS[e.chapter]?.commodity as string, date: '2025-06-01' })),
  );
  await insertItems(connection, [
    { declaration: 'J1', description: 'black smartphone 128GB new', commodity: GOODS['95']?.commodity as string, date: '2026-01-10' },
    { declaration: 'J2', description: 'gold necklace gift set', commodity: GOODS['69']?.commodity as string, date: '2026-01-12' },
    { declaration: 'J3', description: 'knitted sweater for women', commodity: GOODS['61']?.commodity as string, date: '2026-01-12' },
    { declaration: 'J4', description: 'ceramic mug white', commodity: GOODS['69']?.commodity as string, date: '2026-01-13' },
    { declaration: 'J5', description: 'black smartphone 128GB new', commodity: GOODS['95']?.commodity as string, date: '2026-03-01' },
  ]);
}
