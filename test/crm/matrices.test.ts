import { describe, expect, it } from 'vitest';
import {
  customerDeliveredValue,
  loyaltyMatrix,
  satisfaction,
  valueExchangeMatrix,
  valueMatrix,
} from '../../src/crm/index.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';

describe('value matrices', () => {
  const current = [10, 90, 20, 80];
  const future = [90, 80, 10, 20];

  it('current × future value with median thresholds', () => {
    // medians: current 50, future 50
    expect(valueMatrix(current, future)).toEqual(['grow', 'VIP', 'abandon', 'maintain']);
  });

  it('explicit thresholds; a value at the threshold counts as high', () => {
    expect(valueMatrix(current, future, { first: 20, second: 80 })).toEqual(['grow', 'VIP', 'maintain', 'maintain']);
    expect(valueMatrix(current, future, { first: 10, second: 10 })).toEqual(['VIP', 'VIP', 'VIP', 'VIP']);
  });

  it('value created × value received, attitude × repurchase', () => {
    expect(valueExchangeMatrix([9, 9, 1, 1], [9, 1, 9, 1])).toEqual(['star', 'sensitive', 'free-rider', 'below-zero']);
    expect(loyaltyMatrix([5, 5, 1, 1], [0.9, 0.1, 0.9, 0.1])).toEqual(['loyal', 'latent', 'spurious', 'disloyal']);
  });

  it('thresholds out of range and bad values are typed errors naming them', () => {
    expect(() => valueMatrix(current, future, { first: 1000 })).toThrow(/option first: the threshold 1000 on current is outside/);
    expect(() => loyaltyMatrix([1, 2], [1, 2], { second: NaN })).toThrow(InvalidOptionError);
    expect(() => valueMatrix([1, NaN], [1, 2])).toThrow(/current: row 1/);
    expect(() => valueMatrix([1], [1, 2])).toThrow(InvalidInputError);
  });
});

describe('satisfaction and delivered value', () => {
  it('grades perceived against expected performance', () => {
    expect(satisfaction([3, 5, 7], [5, 5, 5])).toEqual(['dissatisfied', 'satisfied', 'delighted']);
    expect(satisfaction([4.6, 5.5, 7], [5, 5, 5], 0.5)).toEqual(['satisfied', 'satisfied', 'delighted']);
    expect(() => satisfaction([1], [1], -1)).toThrow(InvalidOptionError);
  });

  it('customer delivered value = total customer value − total customer cost', () => {
    expect(customerDeliveredValue(100, 60)).toBe(40);
    expect(customerDeliveredValue({ product: 50, service: 20, personnel: 10, image: 20 }, { monetary: 60, time: 10, energy: 5, psychic: 5 })).toBe(20);
    expect(() => customerDeliveredValue({ product: NaN }, 1)).toThrow(/value\.product/);
  });

  it('the default thresholds are the medians (even count: the mean of the two middle values)', () => {
    // medians 2.5 on both: attitude 2 is low and 3 high; repurchase 2 is low and 3 high
    expect(loyaltyMatrix([1, 2, 3, 4], [1, 3, 2, 9])).toEqual(['disloyal', 'spurious', 'latent', 'loyal']);
  });
});
