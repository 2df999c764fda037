import { describe, expect, it } from 'vitest';
import {
  chapterPosteriors,
  descriptionMismatch,
  featuresOf,
  FLAG_CONFIDENCE,
  measureDescriptionModel,
  trainDescriptionModel,
} from '../../src/analytics/descriptions.js';
import { corpus, GOODS } from './corpus.js';

const at = new Date('2026-01-09T02:00:00Z');

describe('the goods-description classifier', () => {
  const model = trainDescriptionModel(corpus(300), at);

  it('reads words, word pairs and character 4-grams, whatever the case and punctuation', () => {
    expect(featuresOf('T-Shirt')).toEqual(['w:t', 'w:shirt', 'b:t shirt', 'c:_shi', 'c:shir', 'c:hirt', 'c:irt_']);
    expect(featuresOf('  ')).toEqual([]);
  });

  it('names the chapter of descriptions it never saw', () => {
    expect([...chapterPosteriors(model, 'Navy blue knitted pullover').entries()].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('61');
    expect([...chapterPosteriors(model, 'SMARTPHONE charger usb').entries()].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('85');
    expect(chapterPosteriors(model, 'zxqv wplk')).toEqual(new Map());
  });

  it('flags a declaration whose description points with confidence to another chapter, and stays quiet on correct ones', () => {
    expect(descriptionMismatch(model, 'black smartphone 128GB', GOODS['95']?.commodity as string)).toMatchObject({ suggested: '85' });
    expect(descriptionMismatch(model, 'leather handbag for women', GOODS['61']?.commodity as string)).toMatchObject({ suggested: '42' });
    expect(descriptionMismatch(model, 'black smartphone 128GB', GOODS['85']?.commodity as string)).toBeUndefined();
    expect(descriptionMismatch(model, 'leather handbag for women', '4202210000')).toBeUndefined();
    // Words it never learned, or a chapter it never learned: no opinion, no flag.
    expect(descriptionMismatch(model, 'zxqv wplk', '9503007000')).toBeUndefined();
    expect(descriptionMismatch(model, 'black smartphone 128GB', '2710124100')).toBeUndefined();
    const fresh = corpus(40, 7);
    const falseFlags = fresh.filter((e) => descriptionMismatch(model, e.description, GOODS[e.chapter]?.commodity as string));
    expect(falseFlags.length / fresh.length).toBeLessThan(0.01);
  });

  it('measures itself on a held-out fifth: accuracy, and precision and recall on planted misclassifications', () => {
    const measured = measureDescriptionModel(corpus(300), at);
    expect(measured.heldOut).toBeGreaterThan(300);
    expect(measured.confidence).toBe(FLAG_CONFIDENCE);
    expect(measured.accuracy).toBeGreaterThan(0.95);
    expect(measured.planted).toBe(Math.ceil(measured.heldOut / 10));
    expect(measured.precision).toBeGreaterThan(0.95);
    expect(measured.recall).toBeGreaterThan(0.8);
  });
});
