import { MAX_AMOUNT_ORE, Money } from './money';
import { TRONDHEIMSREGIONEN } from './testing/trondheimsregionen.fixture';

const invalidAmount = (message: RegExp) =>
  expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT', kind: 'invalid', message: expect.stringMatching(message) });

describe('Money', () => {
  it.each([
    ['5194646.68', 519464668n],
    ['100000', 10000000n],
    ['12.5', 1250n],
    ['0.01', 1n],
    ['0', 0n],
    ['007.10', 710n],
  ])('reads %s NOK as %p øre', (text, ore) => {
    expect(Money.fromNok(text).ore).toBe(ore);
  });

  it.each([
    ['1e5'],
    [' 12'],
    ['12 '],
    ['12,50'],
    ['+12'],
    ['.5'],
    ['12.'],
    [''],
    ['NaN'],
    ['1 000'],
    ['١٢'],
  ])('refuses %p as garbage', (text) => {
    expect(() => Money.fromNok(text)).toThrow(invalidAmount(/such as "5194646.68"/));
    expect(() => Money.fromNok(text)).toThrow(expect.objectContaining({ details: { value: text } }));
  });

  it('refuses more than two decimals', () => {
    expect(() => Money.fromNok('12.345')).toThrow(invalidAmount(/more than two decimals/));
  });

  it('refuses numbers, which cannot hold øre exactly', () => {
    expect(() => Money.fromNok(12.5 as unknown as string)).toThrow(invalidAmount(/not as a number/));
    expect(() => Money.fromOre(1250 as unknown as bigint)).toThrow(invalidAmount(/bigint/));
  });

  it('refuses negative amounts unless asked to allow them', () => {
    expect(() => Money.fromNok('-1.00')).toThrow(invalidAmount(/negative/));
    expect(() => Money.fromOre(-1n)).toThrow(invalidAmount(/./));
    expect(Money.fromNok('-1.50', { allowNegative: true }).ore).toBe(-150n);
    expect(Money.fromOre(-1n, { allowNegative: true }).toNok()).toBe('-0.01');
  });

  it('refuses absurd sizes above NOK 10^15', () => {
    expect(Money.fromNok('1000000000000000.00').ore).toBe(MAX_AMOUNT_ORE);
    expect(() => Money.fromNok('1000000000000000.01')).toThrow(invalidAmount(/larger than NOK 10\^15/));
    expect(() => Money.fromOre(-MAX_AMOUNT_ORE - 1n, { allowNegative: true })).toThrow(invalidAmount(/./));
  });

  it.each([
    [519464668n, '5194646.68'],
    [0n, '0.00'],
    [5n, '0.05'],
    [100n, '1.00'],
    [-187419268n, '-1874192.68'],
  ])('prints %p øre as "%s" with two decimals', (ore, text) => {
    const amount = Money.fromOre(ore, { allowNegative: true });
    expect(amount.toNok()).toBe(text);
    expect(amount.toString()).toBe(text);
    expect(JSON.stringify({ amount })).toBe(`{"amount":"${text}"}`);
  });

  it('adds exactly: the 2022 fees sum to 6 392 069, not 6 392 068 nor 6 394 090', () => {
    const fees = Object.values(TRONDHEIMSREGIONEN.fees2022).map((fee) => Money.fromNok(fee));
    expect(Money.sum(fees).toNok()).toBe('6392069.00');
    expect(Money.sum([]).equals(Money.ZERO)).toBe(true);
  });

  it('subtracts into a signed change: Trondheim 3 320 454 → 5 194 646.68 is 1 874 192.68', () => {
    const change = Money.fromNok('5194646.68').minus(Money.fromNok('3320454'));
    expect(change.toNok()).toBe('1874192.68');
    expect(Money.fromNok('1').minus(Money.fromNok('2')).isNegative()).toBe(true);
    expect(Money.fromNok('1').plus(Money.fromNok('0.99')).equals(Money.fromNok('1.99'))).toBe(true);
    expect(Money.fromNok('1').equals(Money.fromNok('1.01'))).toBe(false);
  });

  it('sums beyond the parse limit without overflow', () => {
    const max = Money.fromOre(MAX_AMOUNT_ORE);
    expect(Money.sum([max, max, max]).ore).toBe(3n * MAX_AMOUNT_ORE);
  });
});
