/**
 * @module detect/recognizers/lib/ethnic-groups
 * The 56 officially recognised ethnic groups of the PRC, in the order of GB/T 3304-1991
 * 《中国各民族名称的罗马字母拼写法和代码》 (names only; the numeric codes are not used).
 */

/** Group names without the 族 suffix. */
export const ETHNIC_GROUPS: readonly string[] = Object.freeze([
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
]);

/** Common short forms in registers → group name. */
export const ETHNIC_ALIASES: ReadonlyMap<string, string> = new Map([
  ['维族', '维吾尔'],
  ['蒙族', '蒙古'],
]);

/** Canonical form `<group>族` for every accepted spelling (with or without 族, aliases). */
export const ETHNIC_CANONICAL: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const g of ETHNIC_GROUPS) {
    m.set(g, `${g}族`);
    m.set(`${g}族`, `${g}族`);
  }
  for (const [alias, g] of ETHNIC_ALIASES) m.set(alias, `${g}族`);
  return m;
})();
