/**
 * Commune populations through the API: set one by one (geo.manage, audited with before and after) or from a CSV
 * or XLSX file (dry run first, every problem named by row and field, all rows or none), and shown in the public
 * commune list. The figures used are test values, not statistics.
 */
import { writeXlsx } from '@sievert/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';

interface CommuneItem {
  code: string;
  fullName: string;
  population: number | null;
  populationYear: number | null;
  populationSource: string | null;
}

describeEachDatabase('commune populations', (dialect) => {
  let app: TestApp;
  let admin: Session;
  let leader: Session;
  let codes: string[];
  beforeAll(async () => {
    app = await createTestApp(dialect);
    admin = await app.login('demo.admin');
    leader = await app.login('demo.leader');
    codes = (await app.app.inject({ url: '/api/v1/geo/communes' })).json<CommuneItem[]>().map((c) => c.code);
  });
  afterAll(async () => app.close());

  const communes = async () =>
    new Map(
      (await app.app.inject({ url: '/api/v1/geo/communes' })).json<CommuneItem[]>().map((c) => [c.code, c]),
    );
  const upload = (s: Session, body: string | Uint8Array, query = '', type = 'text/csv', locale = 'vi') =>
    app.app.inject({
      method: 'POST',
      url: `/api/v1/geo/communes/population${query}`,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrfToken,
        'content-type': type,
        'accept-language': locale,
      },
      payload: typeof body === 'string' ? body : Buffer.from(body),
    });
  const auditOf = async (action: string) =>
    (await admin.request('GET', `/api/v1/audit?action=${action}&limit=100`)).json().items as Array<{
      entityId: string | null;
      before: unknown;
      after: Record<string, unknown>;
    }>;

  it('lists every commune with no population recorded at first, and revalidates the list by its ETag', async () => {
    const res = await app.app.inject({ url: '/api/v1/geo/communes' });
    expect(res.statusCode).toBe(200);
    for (const c of res.json<CommuneItem[]>())
      expect(c).toMatchObject({ population: null, populationYear: null, populationSource: null });
    expect(res.headers['cache-control']).toContain('no-cache');
    const again = await app.app.inject({
      url: '/api/v1/geo/communes',
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('sets, keeps and clears one commune population for DOST leaders and administrators, audited', async () => {
    const code = codes[0]!;
    const before = await app.app.inject({ url: '/api/v1/geo/communes' });
    const set = await leader.request('PATCH', `/api/v1/geo/communes/${code}`, {
      population: 41_250,
      populationYear: 2024,
      populationSource: 'Niên giám thống kê (số liệu thử)',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      code,
      population: 41_250,
      populationYear: 2024,
      populationSource: 'Niên giám thống kê (số liệu thử)',
    });
    // The list shows it at once: its ETag changed.
    const list = await app.app.inject({
      url: '/api/v1/geo/communes',
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<CommuneItem[]>().find((c) => c.code === code)!.population).toBe(41_250);

    // Year and source stay when only the population is sent.
    const kept = await admin.request('PATCH', `/api/v1/geo/communes/${code}`, { population: 41_300 });
    expect(kept.json()).toMatchObject({ population: 41_300, populationYear: 2024 });
    expect(kept.json().populationSource).toBe('Niên giám thống kê (số liệu thử)');
    // The same value again changes nothing and is not audited again.
    await admin.request('PATCH', `/api/v1/geo/communes/${code}`, { population: 41_300 });
    // null clears the figure with its year and source.
    const cleared = await admin.request('PATCH', `/api/v1/geo/communes/${code}`, { population: null });
    expect(cleared.json()).toMatchObject({ population: null, populationYear: null, populationSource: null });

    const audit = (await auditOf('commune.update')).filter((e) => e.entityId === code);
    expect(audit).toHaveLength(3);
    const first = audit.find((e) => (e.after as { population: number }).population === 41_250)!;
    expect(first.before).toEqual({ population: null, populationYear: null, populationSource: null });
  });

  it('refuses bad values naming the field, unknown communes, and people without geo.manage', async () => {
    const code = codes[1]!;
    for (const [body, field, reason] of [
      [{ population: -1 }, '/population', 'too_small'],
      [{ population: 12.5 }, '/population', 'type'],
      [{ population: '12000' }, '/population', 'type'],
      [{ population: 20_000_000 }, '/population', 'too_large'],
      [{}, '/population', 'required'],
      [{ population: 1000, populationYear: 2099 }, '/populationYear', 'in_future'],
      [{ population: 1000, populationYear: 1800 }, '/populationYear', 'too_small'],
      [{ population: 1000, populationSource: 'x'.repeat(301) }, '/populationSource', 'too_long'],
      [{ population: 1000, populationSource: 'a\u0000b' }, '/populationSource', 'pattern'],
      [{ population: 1000, people: 3 }, '/people', 'unknown_field'],
    ] as const) {
      const res = await admin.request('PATCH', `/api/v1/geo/communes/${code}`, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.issues[0], JSON.stringify(body)).toMatchObject({ field, reason });
    }
    const unknown = await admin.request('PATCH', '/api/v1/geo/communes/99999', { population: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('entity.not_found');
    const badCode = await admin.request('PATCH', '/api/v1/geo/communes/12ab', { population: 1 });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.details.issues[0].field).toBe('params/code');

    // DOST officers keep the province's reference data (geo.manage); facilities, communes and responders read it.
    for (const user of ['demo.facility', 'demo.commune', 'demo.responder']) {
      const s = await app.login(user);
      const res = await s.request('PATCH', `/api/v1/geo/communes/${code}`, { population: 5 });
      expect(res.statusCode, user).toBe(403);
      expect((await upload(s, `code,population\n${code},5\n`)).statusCode, user).toBe(403);
    }
    const anonymous = await app.app.inject({
      method: 'PATCH',
      url: `/api/v1/geo/communes/${code}`,
      payload: { population: 5 },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await communes()).get(code)!.population).toBeNull();
  });

  it('imports a Vietnamese CSV: a dry run first, then every row in one go, audited; the same file again changes nothing', async () => {
    const [a, b, c] = codes.slice(2, 5) as [string, string, string];
    const csv =
      '\uFEFFMã xã,Tên xã/phường,Dân số (người),Năm,Nguồn\r\n' +
      `${a},Xã thử A,"12.345",2024,Cục Thống kê tỉnh (số liệu thử)\r\n` +
      `${b},"Xã thử B, có dấu phẩy",9870,,\r\n` +
      `\r\n` +
      `${c},Xã thử C,"1,234",2023,"Điều tra ""thử"""\r\n`;
    const dry = await upload(admin, csv);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      format: 'csv',
      dryRun: true,
      rows: 3,
      valid: 3,
      updated: 3,
      unchanged: 0,
      ignoredColumns: ['B (Tên xã/phường)'],
      issues: [],
    });
    expect((await communes()).get(a)!.population).toBeNull();

    const done = await upload(admin, csv, '?dryRun=false');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, updated: 3 });
    const after = await communes();
    expect(after.get(a)).toMatchObject({
      population: 12_345,
      populationYear: 2024,
      populationSource: 'Cục Thống kê tỉnh (số liệu thử)',
    });
    expect(after.get(b)).toMatchObject({ population: 9870, populationYear: null, populationSource: null });
    expect(after.get(c)).toMatchObject({ population: 1234, populationSource: 'Điều tra "thử"' });

    const again = await upload(admin, csv, '?dryRun=false');
    expect(again.json()).toMatchObject({ updated: 0, unchanged: 3 });
    const audit = await auditOf('commune.population_import');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ format: 'csv', rows: 3, updated: 3 });
    expect(JSON.stringify(audit[0]!.after)).toMatch(/[0-9a-f]{64}/);
  });

  it('reads English headers and an XLSX sheet whose codes lost their leading zeros as numbers', async () => {
    const [a, b] = codes.slice(5, 7) as [string, string];
    const english = await upload(
      admin,
      `code,population,year,source\n${a},"5,000",2022,Test\n`,
      '?dryRun=false',
    );
    expect(english.json()).toMatchObject({ updated: 1, issues: [] });
    const book = writeXlsx([
      {
        name: 'Dân số',
        header: true,
        rows: [
          ['Mã', 'Dân số', 'Năm'],
          [Number(b), 7777, 2024],
        ],
      },
    ]);
    const xlsx = await upload(
      admin,
      book,
      '?dryRun=false',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.json()).toMatchObject({ format: 'xlsx', updated: 1 });
    const after = await communes();
    expect(after.get(a)!.population).toBe(5000);
    expect(after.get(b)).toMatchObject({ population: 7777, populationYear: 2024 });
  });

  it('names every bad row and field, and writes nothing of a file with any problem', async () => {
    const [good, bad, dup] = codes.slice(7, 10) as [string, string, string];
    const before = await communes();
    const csv = [
      'code,population,year,source',
      `${good},1500,2024,ok`,
      `${bad},-5,2024,ok`,
      `99999,100,2024,ok`,
      `${dup},abc,2024,ok`,
      `${dup},200,2024,ok`,
      `${good},1.5,2024,ok`,
      `1234,100,,`,
      `${codes[10]},100,2099,ok`,
      `${codes[11]},100,2024,"=HYPERLINK(""http://x"")"`,
      `${codes[12]},,2024,ok`,
      `${codes[13]},99999999999,2024,ok`,
    ].join('\n');
    const dry = await upload(admin, csv, '', 'text/csv', 'en');
    expect(dry.statusCode).toBe(200);
    const issues = dry
      .json()
      .issues.map((i: { row: number; column: string; field: string; reason: string }) => [
        i.row,
        i.field,
        i.reason,
      ]);
    expect(issues).toEqual([
      [3, 'population', 'too_small'],
      [4, 'code', 'unknown_commune'],
      [5, 'population', 'type'],
      [6, 'code', 'duplicate_in_file'],
      [7, 'code', 'duplicate_in_file'],
      [7, 'population', 'type'],
      [8, 'code', 'format'],
      [9, 'year', 'in_future'],
      [10, 'source', 'formula_like'],
      [11, 'population', 'required'],
      [12, 'population', 'too_large'],
    ]);
    expect(dry.json().issues[0]).toMatchObject({
      column: 'B (population)',
      message: 'is below the minimum (0)',
    });
    expect(dry.json()).toMatchObject({ rows: 11, valid: 1 });

    const refused = await upload(admin, csv, '?dryRun=false');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'import.invalid' });
    expect(refused.json().error.details.issues).toHaveLength(11);
    // Not even the good first row was written.
    expect(await communes()).toEqual(before);
  });

  it('refuses a file without the needed columns, an empty one, an unreadable one, a huge one and a non-file body', async () => {
    const missing = await upload(admin, 'Mã xã,Ghi chú\n11953,x\n');
    expect(missing.json().issues).toEqual([
      expect.objectContaining({ row: 1, column: null, field: 'population', reason: 'missing_column' }),
    ]);
    const twice = await upload(admin, 'code,population,dân số\n11953,1,2\n');
    expect(twice.json().issues[0]).toMatchObject({ field: 'population', reason: 'duplicate_in_file' });
    const empty = await upload(admin, 'code,population\n');
    expect(empty.json().issues[0]).toMatchObject({ reason: 'empty_file' });
    const blank = await upload(admin, '\n\n');
    expect(blank.json().issues[0]).toMatchObject({ reason: 'empty_file' });

    const unterminated = await upload(admin, 'code,population\n"11953,5\n');
    expect(unterminated.statusCode).toBe(400);
    expect(unterminated.json().error.code).toBe('import.unreadable');
    const notXlsx = await upload(admin, 'PK\u0003\u0004 not a zip', '?format=xlsx');
    expect(notXlsx.json().error.code).toBe('import.unreadable');

    const manyRows = `code,population\n${'11953,1\n'.repeat(20_001)}`;
    const tooMany = await upload(admin, manyRows);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({
      code: 'import.unreadable',
      details: { reason: 'too_many_rows' },
    });
    const huge = await upload(admin, `code,population\n${'x'.repeat(3 * 1024 * 1024)}\n`);
    expect(huge.statusCode).toBe(413);
    const json = await admin.request('POST', '/api/v1/geo/communes/population', { rows: [] });
    expect(json.statusCode).toBe(415);
    // The Vietnamese CSV, the English CSV and the XLSX sheet; nothing for the refused files.
    expect((await auditOf('commune.population_import')).length).toBe(3);
  });
});
