/**
 * Function words dropped from the lexical index and from queries, in folded form (see
 * `fold`). Both lists always apply: a vault mixes languages and a query's language is
 * unknowable from three words. The lists stay short on purpose: only words that carry no
 * topic, so "sem" or "can" never hide a real search term they might also spell.
 */

const PORTUGUESE = `
a o as os um uma uns umas de do da dos das em no na nos nas num numa por pelo pela pelos pelas
para pra com sem sob sobre entre ate apos ante desde contra e ou mas nem que se como quando onde
porque pois entao tambem ja nao sim mais menos muito muita muitos muitas pouco pouca ao aos
este esta estes estas esse essa esses essas aquele aquela aqueles aquelas isto isso aquilo
eu tu ele ela nos vos eles elas me te lhe lhes meu minha meus minhas teu tua teus tuas seu sua
seus suas nosso nossa nossos nossas ser sao era eram foi foram sera estar estao estava ter tem
tinha ha qual quais quem cujo cuja todo toda todos todas outro outra outros outras mesmo mesma
cada algum alguma alguns algumas nenhum nenhuma so voce voces deles delas dele dela neste nesta
nesse nessa naquele naquela disso disto daquilo lo la los las
`;

const ENGLISH = `
a an the and or but nor not no so if then than that this these those there here is are was were
be been being am do does did doing have has had having of to in on at by for with from into onto
about as it its me my we our you your he him his she her they them their what which who
whom whose when where why how all any both each few more most other some such only own same too
very can will just should would could may might must shall also up down out over under again
further once off
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}

export const STOPWORDS: ReadonlySet<string> = new Set([...words(PORTUGUESE), ...words(ENGLISH)]);

/**
 * Words that say which language a text is in: frequent function words of one language that
 * are not words of the other ("as", "do", "no", "a", "se" are in both, so they are left out).
 */
export const PORTUGUESE_MARKERS: ReadonlySet<string> = new Set(words(`
de que nao uma para com os dos das em por mais como mas ao aos ele ela isso sao esta tambem voce
seu sua pelo pela na nas nos num numa um uns umas onde quando muito entre sobre ate
`));

export const ENGLISH_MARKERS: ReadonlySet<string> = new Set(words(`
the and of to is in that it for you with on this are be at by from or have not can will which
your an was were they their what there when how about would should into
`));
