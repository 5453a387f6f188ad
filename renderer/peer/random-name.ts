// Friendly default names ("Amber Otter", "琥珀水獭"): an adjective and an animal from small lists per
// language, so a guest can join with one tap and still be told apart.
import type { Language } from '../shared/i18n.js';

const WORDS: Record<Language, { adjectives: readonly string[]; animals: readonly string[]; join: string }> = {
  en: {
    adjectives: ['Amber', 'Azure', 'Brave', 'Calm', 'Clever', 'Coral', 'Cosy', 'Gentle', 'Golden', 'Happy', 'Jade', 'Jolly', 'Lucky', 'Maple', 'Mint', 'Misty', 'Quiet', 'Rapid', 'Rosy', 'Silver', 'Sunny', 'Swift', 'Teal', 'Witty'],
    animals: ['Badger', 'Crane', 'Dolphin', 'Falcon', 'Fox', 'Gecko', 'Heron', 'Koala', 'Lynx', 'Marten', 'Otter', 'Owl', 'Panda', 'Puffin', 'Quokka', 'Rabbit', 'Robin', 'Seal', 'Sparrow', 'Swan', 'Tiger', 'Turtle', 'Whale', 'Wren'],
    join: ' ',
  },
  'zh-CN': {
    adjectives: ['琥珀', '蔚蓝', '勇敢', '安静', '聪明', '珊瑚', '温暖', '温柔', '金色', '快乐', '翡翠', '欢乐', '幸运', '枫叶', '薄荷', '朦胧', '悠闲', '飞快', '粉红', '银色', '晴朗', '敏捷', '青色', '机灵'],
    animals: ['獾', '仙鹤', '海豚', '猎鹰', '狐狸', '壁虎', '白鹭', '考拉', '山猫', '貂', '水獭', '猫头鹰', '熊猫', '海鹦', '企鹅', '兔子', '知更鸟', '海豹', '麻雀', '天鹅', '老虎', '海龟', '鲸鱼', '鹪鹩'],
    join: '',
  },
};

export function randomName(language: Language, random: () => number = Math.random): string {
  const { adjectives, animals, join } = WORDS[language];
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  return `${pick(adjectives)}${join}${pick(animals)}`;
}
