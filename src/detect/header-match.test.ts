import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FieldType } from '../core/field-types.js';
import { headerMatches, headerTypes, isContainableWord } from './header-match.js';
import { RECOGNIZERS } from './recognizers/index.js';

/** Headers that must resolve to exactly these types (order-insensitive). */
const EXACT: readonly (readonly [string, readonly FieldType[]])[] = [
  ['身份证号', ['resident_id']],
  ['公民身份号码', ['resident_id']],
  ['sfzh', ['resident_id']],
  ['SFZH', ['resident_id']],
  ['idcard', ['resident_id']],
  ['ID_Card', ['resident_id']],
  ['身份证号码（18位）', ['resident_id']],
  ['手机号', ['mobile']],
  ['手机号码', ['mobile']],
  ['sjhm', ['mobile']],
  ['mobile', ['mobile']],
  ['联系电话', ['mobile', 'landline']],
  ['电话', ['mobile', 'landline']],
  ['紧急联系人电话', ['mobile', 'landline']],
  ['座机', ['landline']],
  ['姓名', ['person_name']],
  ['xm', ['person_name']],
  ['name', ['person_name']],
  ['Name', ['person_name']],
  ['收件人', ['person_name']],
  ['联系人', ['person_name']],
  ['客户姓名', ['person_name']],
  ['紧急联系人姓名', ['person_name']],
  ['地址', ['address']],
  ['住址', ['address']],
  ['家庭住址', ['address']],
  ['户籍地址', ['address']],
  ['收件地址', ['address']],
  ['收件人地址', ['address']],
  ['身份证地址', ['address']],
  ['dz', ['address']],
  ['address', ['address']],
  ['QQ', ['qq']],
  ['qq号', ['qq']],
  ['QQ号码', ['qq']],
  ['微信', ['wechat']],
  ['微信号', ['wechat']],
  ['wechat', ['wechat']],
  ['wxid', ['wechat']],
  ['密码', ['password']],
  ['password', ['password']],
  ['pwd', ['password']],
  ['mm', ['password']],
  ['邮箱密码', ['password']],
  ['银行卡号', ['bank_card']],
  ['卡号', ['bank_card']],
  ['账号', ['bank_card']],
  ['银行账号', ['bank_card']],
  ['邮箱', ['email']],
  ['email', ['email']],
  ['e-mail', ['email']],
  ['E-Mail', ['email']],
  ['QQ邮箱', ['email']],
  ['经度', ['longitude']],
  ['lng', ['longitude']],
  ['longitude', ['longitude']],
  ['纬度', ['latitude']],
  ['lat', ['latitude']],
  ['latitude', ['latitude']],
  ['经纬度', ['coordinates']],
  ['定位', ['coordinates']],
  ['坐标', ['coordinates']],
  ['入住时间', ['datetime']],
  ['退房时间', ['datetime']],
  ['时间', ['datetime']],
  ['日期', ['datetime']],
  ['定位时间', ['datetime']],
  ['出生日期', ['datetime']],
  ['金额', ['money']],
  ['余额', ['money']],
  ['价格', ['money']],
  ['存款', ['money']],
  ['性别', ['gender']],
  ['民族', ['ethnicity']],
  ['车牌号', ['plate']],
  ['护照号', ['passport']],
  ['护照号码', ['passport']],
];

/** Headers that must include these types (others may follow). */
const INCLUDES: readonly (readonly [string, FieldType])[] = [
  ['zjhm', 'resident_id'],
  ['证件号码', 'resident_id'],
  ['CtfId', 'resident_id'],
];

/** Headers that must NOT give these types. */
const EXCLUDES: readonly (readonly [string, FieldType])[] = [
  ['用户名', 'person_name'],
  ['username', 'person_name'],
  ['昵称', 'person_name'],
  ['nickname', 'person_name'],
  ['公司名称', 'person_name'],
  ['紧急联系人电话', 'person_name'],
  ['收件人地址', 'person_name'],
  ['身份证地址', 'resident_id'],
  ['IP地址', 'address'],
  ['ip_address', 'address'],
  ['QQ邮箱', 'qq'],
  ['邮箱密码', 'email'],
  ['手机型号', 'mobile'],
  ['手机归属地', 'mobile'],
  ['微信昵称', 'wechat'],
  ['QQ群', 'qq'],
  ['经纬度', 'latitude'],
  ['经纬度', 'longitude'],
  ['定位时间', 'coordinates'],
  ['密码提示', 'password'],
  ['passport', 'password'],
  ['passenger', 'password'],
  ['微信账号', 'bank_card'],
  ['银行卡密码', 'bank_card'],
  ['通话时长', 'datetime'],
];

const NOTHING: readonly string[] = ['id', 'ID', '备注', 'remark', '序号', '', '  ', '状态'];

describe('headerTypes', () => {
  for (const [h, want] of EXACT) {
    test(`${h} → ${want.join(', ')}`, () => assert.deepEqual([...headerTypes(h)].sort(), [...want].sort()));
  }
  for (const [h, want] of INCLUDES) {
    test(`${h} includes ${want}`, () =>
      assert.ok(headerTypes(h).includes(want), JSON.stringify(headerTypes(h))));
  }
  for (const [h, not] of EXCLUDES) {
    test(`${h} is not ${not}`, () =>
      assert.ok(!headerTypes(h).includes(not), JSON.stringify(headerTypes(h))));
  }
  for (const h of NOTHING) {
    test(`${JSON.stringify(h)} → nothing`, () => assert.deepEqual(headerTypes(h), []));
  }
  test('证件号码 prefers the resident ID (values decide about passports)', () => {
    assert.equal(headerTypes('证件号码')[0], 'resident_id');
  });
  test('exact matches rank before contained words', () => {
    const m = headerMatches('联系电话');
    assert.ok(m.length >= 2);
    assert.ok(m.every((x) => x.exact));
    assert.deepEqual(
      headerMatches('紧急联系人电话').map((x) => x.exact),
      [false, false],
    );
  });
  test('every header word of every recognizer resolves to its own type', () => {
    for (const r of RECOGNIZERS) {
      for (const w of r.headerWords)
        assert.ok(headerTypes(w).includes(r.type), `${r.id}: "${w}" → ${headerTypes(w)}`);
    }
  });
});

describe('isContainableWord', () => {
  test('2+ Han characters or 4+ ASCII letters', () => {
    assert.equal(isContainableWord('电话'), true);
    assert.equal(isContainableWord('qq账号'), true);
    assert.equal(isContainableWord('qq号'), false);
    assert.equal(isContainableWord('name'), true);
    assert.equal(isContainableWord('pwd'), false);
    assert.equal(isContainableWord('号'), false);
  });
});
