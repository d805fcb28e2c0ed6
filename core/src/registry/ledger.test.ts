import { describe, expect, it } from 'vitest';
import { allowedTransactions, replayLedger, statusAfter } from './ledger.js';

describe('source ledger state machine', () => {
  it('a new source starts with a receipt, an import or a transfer in, and is stored', () => {
    expect(allowedTransactions(null).sort()).toEqual(['import', 'receipt', 'transfer_in']);
    expect(statusAfter(null, 'receipt')).toBe('stored');
  });
  it('follows a typical life: receipt, install, move, disuse, return to supplier', () => {
    expect(replayLedger(['receipt', 'install', 'move', 'disuse', 'return_to_supplier'])).toBe('returned');
  });
  it('a lost source can be found and used again', () => {
    expect(replayLedger(['receipt', 'install', 'loss_theft', 'found', 'install'])).toBe('in_use');
  });
  it('refuses transactions that make no sense', () => {
    expect(statusAfter('returned', 'install')).toBeNull();
    expect(statusAfter('in_waste', 'found')).toBeNull();
    expect(statusAfter('stored', 'receipt')).toBeNull();
    expect(statusAfter('in_use', 'found')).toBeNull();
    expect(() => replayLedger(['install'])).toThrow(/cannot follow nothing/);
  });
  it('move keeps the status', () => {
    expect(statusAfter('disused', 'move')).toBe('disused');
  });
  it('a source transferred out can be received by the other facility', () => {
    expect(replayLedger(['receipt', 'transfer_out', 'transfer_in'])).toBe('stored');
  });
});
