import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HistoryCsvError, type HistoryRow, readHistoryCsv } from '../../src/risk/history.js';

const HEADER = 'sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,gross.weight,fob.value,cif.value,total.taxes,illicit,revenue';

async function read(text: string, outcomes: 'required' | 'optional' = 'required'): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for await (const row of readHistoryCsv(Readable.from([text]), { outcomes })) rows.push(row);
  return rows;
}

async function refusal(text: string, outcomes: 'required' | 'optional' = 'required'): Promise<HistoryCsvError> {
  const error = await read(text, outcomes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HistoryCsvError);
  return error as HistoryCsvError;
}

describe('history CSV', () => {
  it('reads every column, the DATE set’s two-digit years as ISO dates', async () => {
    const rows = await read(
      `${HEADER}\nSGD1,13-01-05,IMP1,DEC1,CN,OFF1,8517120000,10,2.5,100,120,12,1,30\nSGD2,2025-07-01,IMP2,DEC1,VN,OFF2,6109100000,3,1,9,10,1,0,0\n`,
    );
    expect(rows).toEqual([
      {
        sgdId: 'SGD1',
        date: '2013-01-05',
        importerId: 'IMP1',
        declarantId: 'DEC1',
        country: 'CN',
        officeId: 'OFF1',
        tariffCode: '8517120000',
        quantity: 10,
        grossWeight: 2.5,
        fobValue: 100,
        cifValue: 120,
        totalTaxes: 12,
        illicit: 1,
        revenue: 30,
      },
      expect.objectContaining({ sgdId: 'SGD2', date: '2025-07-01', illicit: 0, revenue: 0 }),
    ]);
  });

  it('reads columns in any order and a back-test input without outcomes', async () => {
    const [row] = await read(
      'cif.value,sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,gross.weight,fob.value,total.taxes\n5,S,2024-02-29,I,D,XA,O,0101,1,1,4,0\n',
      'optional',
    );
    expect(row).toMatchObject({ sgdId: 'S', cifValue: 5, date: '2024-02-29' });
    expect(row).not.toHaveProperty('illicit');
  });

  it('reads a party, origin, office or tariff code the declaration did not give as empty, as scoring has it', async () => {
    const [row] = await read(`${HEADER}\nS,2025-02-03,,,,,,1,1,1,1,0,0,0\n`);
    expect(row).toMatchObject({ importerId: '', declarantId: '', country: '', officeId: '', tariffCode: '' });
  });

  it('refuses training input without outcome columns, naming the column', async () => {
    const error = await refusal(
      'sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,gross.weight,fob.value,cif.value,total.taxes\n',
    );
    expect(error).toMatchObject({ line: 1, column: 'illicit' });
  });

  it.each([
    ['a date that does not exist', 'S,2025-02-30,I,D,XA,O,0101,1,1,1,1,0,0,0', 'sgd.date'],
    ['a negative value', 'S,2025-02-03,I,D,XA,O,0101,1,1,1,-1,0,0,0', 'cif.value'],
    ['a value that is not a number', 'S,2025-02-03,I,D,XA,O,0101,1,lots,1,1,0,0,0', 'gross.weight'],
    ['an illicit flag other than 0 or 1', 'S,2025-02-03,I,D,XA,O,0101,1,1,1,1,0,yes,0', 'illicit'],
    ['an empty id', ',2025-02-03,I,D,XA,O,0101,1,1,1,1,0,0,0', 'sgd.id'],
    ['an empty amount', 'S,2025-02-03,I,D,XA,O,0101,,1,1,1,0,0,0', 'quantity'],
    ['an overlong id', `${'S'.repeat(201)},2025-02-03,I,D,XA,O,0101,1,1,1,1,0,0,0`, 'sgd.id'],
  ])('refuses %s, naming its line and column', async (_, line, column) => {
    const error = await refusal(`${HEADER}\nS0,2025-02-03,I,D,XA,O,0101,1,1,1,1,0,0,0\n${line}\n`);
    expect(error).toMatchObject({ line: 3, column });
  });

  it('refuses a row with a missing field as a malformed row', async () => {
    const error = await refusal(`${HEADER}\nS,2025-02-03,I,D\n`);
    expect(error.line).toBe(2);
  });

  it('refuses an empty file', async () => {
    expect(await refusal('')).toMatchObject({ line: 1, column: '(header)' });
  });
});
