/**
 * @module detect/recognizers/lib/surnames
 * Surname gazetteer for value-only person-name recognition (counting-rules.md §2, name row).
 * Sources: the single surnames of 《百家姓》 (Song dynasty list, public domain), the modern frequency lists
 * (公安部户政管理研究中心《二〇二〇年全国姓名报告》 top-100 and the widely reprinted top-300 lists), plus the
 * traditional-character forms of the most frequent surnames for Hong Kong / Macao / Taiwan data.
 * Compound surnames: 《百家姓》 compounds plus 范姜/张简 (Taiwan).
 */

/** 《百家姓》 single surnames (order of the text). */
const BAIJIAXING =
  '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎' +
  '鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄' +
  '和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭' +
  '梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚' +
  '程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫' +
  '宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴鬱胥能苍双' +
  '闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容' +
  '向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空' +
  '曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦仉督岳帅缑亢况郈佘佴墨哈谯笪年爱' +
  '阳佟言福';

/** Modern frequent surnames (top-300 lists) missing from 《百家姓》 or written differently today. */
const MODERN =
  '肖付覃冼仝粟税展寻揭代母禤麦邝敬冶练区卿眭逢佀檀姒菅蹇苟牟朴玉铁修邸占战迟丛谌綦银隋兰盘甯官郇亓庹雒' +
  '芦豆南位楼漆普鹿辜宾斯尧呼赫智奉植初闭';

/** Traditional-character forms of frequent surnames (HK/Macao/Taiwan data; NFKC does not simplify). */
const TRADITIONAL =
  '陳張劉黃楊趙吳孫馬鄭羅謝許韓馮鄧蕭葉蘇呂盧鍾鐘譚陸賈韋鄒閆龍賀顧龔萬錢嚴湯溫莊聶歐關蘭寧紀單駱藍' +
  '鮑華饒陽時農繆簡車項連蘆麥婁竇黨費衛閔鄔邊師欒榮鞏龐顏喬齊蔣鄺閻聞樓賴畢塗';

/** Compound (two-character) surnames. */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '万俟',
  '闻人',
  '赫连',
  '公羊',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '淳于',
  '单于',
  '太叔',
  '申屠',
  '仲孙',
  '轩辕',
  '钟离',
  '鲜于',
  '闾丘',
  '司空',
  '亓官',
  '司寇',
  '子车',
  '颛孙',
  '端木',
  '巫马',
  '公西',
  '漆雕',
  '乐正',
  '壤驷',
  '公良',
  '拓跋',
  '夹谷',
  '宰父',
  '谷梁',
  '段干',
  '百里',
  '东郭',
  '南门',
  '呼延',
  '归海',
  '羊舌',
  '微生',
  '梁丘',
  '左丘',
  '东门',
  '西门',
  '商牟',
  '伯赏',
  '南宫',
  '第五',
  '范姜',
  '张简',
  '歐陽',
  '司馬',
  '諸葛',
  '東方',
  '公孫',
  '長孫',
  '尉遲',
  '軒轅',
  '鍾離',
  '澹臺',
]);

/** Single-character surnames (≥ 500 distinct). */
export const SINGLE_SURNAMES: ReadonlySet<string> = new Set(Array.from(BAIJIAXING + MODERN + TRADITIONAL));

/**
 * Length of the known surname at the start of `name` (2 for a compound, 1 for a single), 0 when none.
 * @example surnameLength('欧阳修') // 2
 * @example surnameLength('张三') // 1
 */
export function surnameLength(name: string): number {
  if (name.length >= 2 && COMPOUND_SURNAMES.has(name.slice(0, 2))) return 2;
  return name.length >= 1 && SINGLE_SURNAMES.has(name[0]!) ? 1 : 0;
}
