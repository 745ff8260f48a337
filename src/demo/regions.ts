/**
 * @module demo/regions
 * A curated table of real county-level administrative division codes (GB/T 2260《中华人民共和国行政区划代码》),
 * used by the demo generator for the first six digits of synthetic resident ID numbers (GB 11643-1999) and for
 * synthetic household addresses. Only district/county codes that are well established are listed; the
 * coordinates are rough city-centre positions (WGS-84, two decimals) for synthetic location points.
 * Every person built from this table is synthetic: no real person's data is used anywhere in the demo.
 */

export interface Region {
  /** Six-digit GB/T 2260 code of the district or county. */
  readonly code: string;
  readonly province: string;
  /** Prefecture-level city; equal to `province` for the four municipalities. */
  readonly city: string;
  /** District (区) or county (县). */
  readonly county: string;
  /** Approximate longitude / latitude of the city centre. */
  readonly lon: number;
  readonly lat: number;
}

function r(code: string, province: string, city: string, county: string, lon: number, lat: number): Region {
  return { code, province, city, county, lon, lat };
}

export const REGIONS: readonly Region[] = [
  r('110101', '北京市', '北京市', '东城区', 116.42, 39.93),
  r('110102', '北京市', '北京市', '西城区', 116.37, 39.91),
  r('110105', '北京市', '北京市', '朝阳区', 116.44, 39.92),
  r('110106', '北京市', '北京市', '丰台区', 116.29, 39.86),
  r('110108', '北京市', '北京市', '海淀区', 116.3, 39.96),
  r('120101', '天津市', '天津市', '和平区', 117.2, 39.12),
  r('120104', '天津市', '天津市', '南开区', 117.15, 39.14),
  r('130102', '河北省', '石家庄市', '长安区', 114.54, 38.04),
  r('140105', '山西省', '太原市', '小店区', 112.57, 37.74),
  r('150102', '内蒙古自治区', '呼和浩特市', '新城区', 111.67, 40.86),
  r('210102', '辽宁省', '沈阳市', '和平区', 123.42, 41.79),
  r('210202', '辽宁省', '大连市', '中山区', 121.64, 38.92),
  r('220102', '吉林省', '长春市', '南关区', 125.35, 43.86),
  r('230102', '黑龙江省', '哈尔滨市', '道里区', 126.62, 45.76),
  r('310101', '上海市', '上海市', '黄浦区', 121.49, 31.23),
  r('310104', '上海市', '上海市', '徐汇区', 121.44, 31.19),
  r('310105', '上海市', '上海市', '长宁区', 121.42, 31.22),
  r('310115', '上海市', '上海市', '浦东新区', 121.54, 31.22),
  r('320102', '江苏省', '南京市', '玄武区', 118.8, 32.05),
  r('320508', '江苏省', '苏州市', '姑苏区', 120.62, 31.31),
  r('330102', '浙江省', '杭州市', '上城区', 120.17, 30.24),
  r('330106', '浙江省', '杭州市', '西湖区', 120.13, 30.26),
  r('330127', '浙江省', '杭州市', '淳安县', 119.04, 29.61),
  r('340104', '安徽省', '合肥市', '蜀山区', 117.26, 31.85),
  r('350102', '福建省', '福州市', '鼓楼区', 119.3, 26.08),
  r('350203', '福建省', '厦门市', '思明区', 118.08, 24.45),
  r('360102', '江西省', '南昌市', '东湖区', 115.9, 28.68),
  r('370102', '山东省', '济南市', '历下区', 117.08, 36.67),
  r('370124', '山东省', '济南市', '平阴县', 116.46, 36.29),
  r('370202', '山东省', '青岛市', '市南区', 120.41, 36.07),
  r('410105', '河南省', '郑州市', '金水区', 113.66, 34.8),
  r('420102', '湖北省', '武汉市', '江岸区', 114.31, 30.6),
  r('420106', '湖北省', '武汉市', '武昌区', 114.32, 30.55),
  r('430102', '湖南省', '长沙市', '芙蓉区', 113.03, 28.19),
  r('430104', '湖南省', '长沙市', '岳麓区', 112.93, 28.23),
  r('440103', '广东省', '广州市', '荔湾区', 113.24, 23.13),
  r('440106', '广东省', '广州市', '天河区', 113.36, 23.12),
  r('440304', '广东省', '深圳市', '福田区', 114.06, 22.52),
  r('440305', '广东省', '深圳市', '南山区', 113.93, 22.53),
  r('450103', '广西壮族自治区', '南宁市', '青秀区', 108.49, 22.79),
  r('460106', '海南省', '海口市', '龙华区', 110.3, 20.03),
  r('500103', '重庆市', '重庆市', '渝中区', 106.57, 29.55),
  r('510104', '四川省', '成都市', '锦江区', 104.08, 30.66),
  r('510107', '四川省', '成都市', '武侯区', 104.04, 30.64),
  r('510121', '四川省', '成都市', '金堂县', 104.41, 30.86),
  r('520102', '贵州省', '贵阳市', '南明区', 106.71, 26.57),
  r('530102', '云南省', '昆明市', '五华区', 102.7, 25.04),
  r('540102', '西藏自治区', '拉萨市', '城关区', 91.13, 29.65),
  r('610103', '陕西省', '西安市', '碑林区', 108.93, 34.23),
  r('610113', '陕西省', '西安市', '雁塔区', 108.95, 34.22),
  r('620102', '甘肃省', '兰州市', '城关区', 103.83, 36.06),
  r('630102', '青海省', '西宁市', '城东区', 101.8, 36.62),
  r('640104', '宁夏回族自治区', '银川市', '兴庆区', 106.29, 38.47),
  r('650102', '新疆维吾尔自治区', '乌鲁木齐市', '天山区', 87.63, 43.79),
];

/** `北京市东城区`, `浙江省杭州市西湖区`: the administrative part of an address. */
export function regionPrefix(region: Region): string {
  return region.province === region.city
    ? `${region.province}${region.county}`
    : `${region.province}${region.city}${region.county}`;
}

/** The issuing authority printed on an ID card: `北京市公安局东城分局`, `淳安县公安局`. */
export function issuingAuthority(region: Region): string {
  if (region.county.endsWith('县')) return `${region.county}公安局`;
  const stem = region.county.replace(/(新区|区)$/u, '');
  return `${region.city}公安局${stem}分局`;
}
