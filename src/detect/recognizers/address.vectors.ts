/** Vectors for cn.address. Made-up addresses. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  {
    value: '北京市海淀区中关村大街27号',
    status: 'valid',
    normalized: '北京市海淀区中关村大街27号',
    pattern: 'address_place',
    note: 'province-level city',
  },
  { value: '浙江杭州西湖区', status: 'valid', note: 'province and city names without suffixes' },
  { value: '内蒙古自治区包头市', status: 'valid', note: 'autonomous region' },
  {
    value: '幸福小区5栋2单元301室',
    status: 'valid',
    pattern: 'address_word',
    note: 'address words, no place name',
  },
  { value: '人民路18号', status: 'valid', note: 'road and number' },
  { value: '红星乡向阳村', status: 'valid', note: 'two admin words' },
  { value: '  湖南省  长沙市 ', status: 'valid', normalized: '湖南省 长沙市', note: 'white space collapsed' },
  {
    value: '幸福小区',
    status: 'nomatch',
    reason: 'no_address_word',
    note: 'one address word, no digit, values only',
  },
  { value: '幸福小区', status: 'valid', viaHeader: true, note: 'one address word suffices in a 地址 column' },
  { value: '北京市海淀区****', status: 'masked', reason: 'mask', note: 'masked tail' },
  { value: '知道了谢谢', status: 'nomatch', note: '道 inside 知道 is not an address word' },
  { value: '小区名称', status: 'nomatch', note: 'a header cell' },
  { value: '朝阳区', status: 'nomatch', note: '3 characters, below the minimum of 4' },
  { value: '北京', status: 'nomatch', note: '2 characters' },
  { value: '123 Main St', status: 'nomatch', note: 'no Han text' },
  { value: '号码1234', status: 'nomatch', note: 'one Han word' },
  { value: '', status: 'nomatch', note: 'empty' },
];
