import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../core/errors.js';
import { DEFAULT_HOLDER, holderOf, itemRuleOf, parseManifest } from './manifest.js';

describe('case manifest', () => {
  const m = parseManifest(
    {
      case: '张某等侵犯公民个人信息案',
      analysis_date: '2024-05-01',
      holders: [
        { name: '张某', paths: ['张某/**'], illegal_gain_yuan: 13000 },
        { name: '李某', paths: ['李某/**', 'shared/li-*.csv'] },
      ],
      items: [
        { path: '**/*.txt', delimiter: '----' },
        { path: '张某/hotel.csv', category: 'lodging', columns: [{ column: 2, type: 'mobile' }] },
        { path: '张某/*.csv', columns: [{ header: '备注', type: null }] },
      ],
    },
    'case.yaml',
  );
  test('holders by glob, default holder otherwise, facts kept', () => {
    assert.equal(holderOf(m, '张某/hotel.csv'), '张某');
    assert.equal(holderOf(m, 'shared/li-1.csv'), '李某');
    assert.equal(holderOf(m, 'other/x.csv'), DEFAULT_HOLDER);
    assert.deepEqual(m.holders[0]!.facts, { illegal_gain_yuan: 13000 });
    assert.equal(m.analysisDate, '2024-05-01');
  });
  test('item rules merge in order', () => {
    const r = itemRuleOf(m, '张某/hotel.csv');
    assert.equal(r.category, 'lodging');
    assert.deepEqual(r.columns, [
      { column: 2, type: 'mobile' },
      { header: '备注', type: null },
    ]);
    assert.equal(itemRuleOf(m, 'a/b.txt').delimiter, '----');
    assert.equal(itemRuleOf(m, 'a/b.csv').category, undefined);
  });
  test('errors name the file and the field', () => {
    assert.throws(
      () => parseManifest({ items: [{ path: 'a', category: 'hotel' }] }, 'case.yaml'),
      (e: unknown) => e instanceof ConfigError && /^case\.yaml: items\[0\]\.category: /.test(e.message),
    );
    assert.throws(
      () => parseManifest({ items: [{ path: 'a', columns: [{ type: 'mobile' }] }] }, 'case.yaml'),
      /case\.yaml: items\[0\]\.columns\[0\].*exactly one of column/,
    );
    assert.throws(() => parseManifest({ holderz: [] }, 'case.yaml'), /case\.yaml: .*holderz/);
    assert.throws(
      () =>
        parseManifest(
          {
            holders: [
              { name: 'a', paths: ['x'] },
              { name: 'a', paths: ['y'] },
            ],
          },
          'case.yaml',
        ),
      /duplicate holder name 'a'/,
    );
  });
});
