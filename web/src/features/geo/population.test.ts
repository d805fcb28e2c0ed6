import { describe, expect, it } from 'vitest';
import type { Commune } from '@sievert/core';
import { populationTemplateCsv } from './population';

const commune = (patch: Partial<Commune>): Commune => ({
  code: '12345',
  name: 'Phố Hiến',
  fullName: 'Phường Phố Hiến',
  nameEn: 'Pho Hien',
  fullNameEn: 'Pho Hien Ward',
  type: 'phuong',
  areaKm2: 10,
  labelLat: 20.6,
  labelLon: 106.05,
  population: null,
  populationYear: null,
  populationSource: null,
  ...patch,
});

describe('the population template', () => {
  it('lists every commune with its current figure, quoted where needed, UTF-8 with a BOM', () => {
    const csv = populationTemplateCsv([
      commune({}),
      commune({
        code: '00002',
        fullName: 'Xã "Mới", A',
        population: 12_345,
        populationYear: 2024,
        populationSource: 'Niên giám 2024',
      }),
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Mã xã,Tên xã/phường,Dân số,Năm số liệu,Nguồn số liệu',
      '12345,Phường Phố Hiến,,,',
      '00002,"Xã ""Mới"", A",12345,2024,Niên giám 2024',
      '',
    ]);
  });
});
