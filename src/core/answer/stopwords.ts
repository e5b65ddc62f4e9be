/**
 * Function words and question framing words in Portuguese and English. They carry no topic, so
 * they neither count as question terms nor make a sentence look relevant. Compared accent-folded.
 */
const PORTUGUESE = `
a à ao aos as às o os um uma uns umas de do da dos das dum duma num numa em no na nos nas por pelo pela
pelos pelas para pra pro com sem sob sobre entre até após ante desde contra que quê qual quais quem onde
quando como porque porquê e ou mas nem se não sim é são ser sendo sido seja sejam está estão estar estava
foi foram era eram há haver tem têm ter tinha seu sua seus suas meu minha meus minhas teu tua nosso nossa
isso isto esse essa esses essas este esta estes estas aquele aquela aqueles aquelas aquilo ele ela eles
elas eu tu você vocês nós vós me te lhe lhes mim ti si lo la los las mais menos muito muita muitos muitas
pouco também já ainda só apenas então cada todo toda todos todas tudo qualquer mesmo mesma outro outra
outros outras algum alguma alguns algumas nenhum nenhuma pode podem posso poderia faz fazer feito deve
devem faço fiz fazemos consigo devo significa significam significado definição defina define definir explique explica explicar
descreva descrever diga dizer fale falar quer querem dizer funciona funcionam serve servem favor sobre
diferença diferenças comparar compare comparação versus etc
`;

const ENGLISH = `
a an the of in on at to for from by with without about into onto over under between among and or but
nor if not no yes is are was were be been being am do does did done doing have has had having what
which who whom whose where when why how this that these those it its i you he she we they me my mine
your yours our ours their theirs them us him her his can could should would will shall may might must
there here as than then so such very more most less least some any all each every other another also
just only please tell explain define definition meaning mean means meant describe work works working
use used does difference differences compare comparison versus etc vs
`;

function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function wordSet(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean).map(foldWord));
}

export const PORTUGUESE_STOPWORDS: ReadonlySet<string> = wordSet(PORTUGUESE);
export const ENGLISH_STOPWORDS: ReadonlySet<string> = wordSet(ENGLISH);

/** Whether a word is a stopword in either language; `folded` must already be lower-cased without accents. */
export function isStopword(folded: string): boolean {
  return PORTUGUESE_STOPWORDS.has(folded) || ENGLISH_STOPWORDS.has(folded);
}
