/** The product-mix categories of DEFAULT_PRODUCT_CATEGORIES, 'other' last. */
export const DEMO_CATEGORIES = ['bags', 'kitchen', 'home decor', 'toys', 'other'] as const;
export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

/** One product of the demo shop. Prices are in pounds, as in UCI Online Retail. */
export interface DemoProduct {
  stockCode: string;
  description: string;
  unitPrice: number;
  /** The category its description falls into under DEFAULT_PRODUCT_CATEGORIES. */
  category: DemoCategory;
}

/** A product line: one description template ('%' is the variant), one price, one code stem (variants get A, B, C ...). */
interface ProductFamily {
  code: string;
  name: string;
  price: number;
  category: DemoCategory;
  variants?: readonly string[];
}

const PRINTS = [
  'RED RETROSPOT', 'PINK POLKADOT', 'VINTAGE PAISLEY', 'WOODLAND', 'SKULLS', 'STRAWBERRY', 'APPLES', 'SUKI DESIGN',
  'VINTAGE DOILY', 'SCANDINAVIAN', 'BLUE POLKADOT', 'VINTAGE LEAF', 'BAROQUE BLACK WHITE', 'ALPHABET',
] as const;
const COLOURS = ['RED', 'PINK', 'BLUE', 'GREEN', 'IVORY', 'BLACK', 'LILAC', 'MINT'] as const;
const FESTIVE = ['STAR', 'ANGEL', 'SNOWFLAKE', 'REINDEER', 'ROBIN', 'BIRD', 'BELL', 'TREE'] as const;
const pick = <T>(list: readonly T[], ...indices: number[]): T[] => indices.map((i) => list[i]);

const FAMILIES: readonly ProductFamily[] = [
  // bags
  { code: '85099', name: 'JUMBO BAG %', price: 2.08, category: 'bags', variants: PRINTS.slice(0, 10) },
  { code: '20725', name: 'LUNCH BAG %', price: 1.65, category: 'bags', variants: [...PRINTS.slice(0, 8), 'SPACEBOY DESIGN', 'DOLLY GIRL'] },
  { code: '20712', name: 'JUMBO SHOPPER %', price: 2.08, category: 'bags', variants: pick(PRINTS, 0, 2, 3, 7, 10) },
  { code: '20723', name: '% CHARLOTTE BAG', price: 0.85, category: 'bags', variants: PRINTS.slice(0, 8) },
  { code: '22355', name: '% COTTON TOTE BAG', price: 2.55, category: 'bags', variants: pick(PRINTS, 0, 2, 4, 6, 9, 11) },
  { code: '21931', name: 'RECYCLED SHOPPING BAG %', price: 2.1, category: 'bags', variants: ['RED', 'GREEN', 'BLUE', 'NATURAL'] },
  { code: '20675', name: 'SMALL PURSE %', price: 1.25, category: 'bags', variants: pick(PRINTS, 0, 1, 2, 5, 12) },
  { code: '20727', name: 'CHILDS BACKPACK %', price: 2.95, category: 'bags', variants: ['RED RETROSPOT', 'SPACEBOY', 'DOLLY GIRL', 'DINOSAUR', 'WOODLAND'] },
  { code: '20682', name: 'RETRO HANDBAG %', price: 4.95, category: 'bags', variants: pick(COLOURS, 0, 1, 2, 5) },
  // kitchen
  { code: '37370', name: '% CERAMIC MUG', price: 1.25, category: 'kitchen', variants: PRINTS.slice(0, 8) },
  { code: '22423', name: 'REGENCY CAKE STAND %', price: 10.95, category: 'kitchen', variants: ['3 TIER', '2 TIER', 'SINGLE', 'MINI'] },
  { code: '22720', name: 'SET OF 3 CAKE TINS, %', price: 4.95, category: 'kitchen', variants: ['PANTRY DESIGN', 'SKETCHBOOK', 'RED RETROSPOT', 'VINTAGE LEAF', 'WOODLAND'] },
  { code: '21212', name: 'PACK OF 72 % CAKE CASES', price: 0.55, category: 'kitchen', variants: PRINTS.slice(0, 8) },
  { code: '22697', name: '% TEA CUP AND SAUCER', price: 2.95, category: 'kitchen', variants: ['GREEN REGENCY', 'PINK REGENCY', 'ROSES REGENCY', 'RED RETROSPOT', 'BLUE POLKADOT', 'VINTAGE DOILY'] },
  { code: '21086', name: 'SET OF 8 % PAPER PLATES', price: 0.85, category: 'kitchen', variants: pick(PRINTS, 0, 1, 3, 5, 6, 10) },
  { code: '20914', name: 'CERAMIC BOWL %', price: 1.65, category: 'kitchen', variants: pick(COLOURS, 0, 1, 2, 3, 4) },
  { code: '22382', name: 'LUNCH BOX %', price: 1.95, category: 'kitchen', variants: ['RED RETROSPOT', 'SPACEBOY', 'DOLLY GIRL', 'WOODLAND', 'I LOVE LONDON', 'SKULLS'] },
  { code: '84029', name: '% HOT WATER BOTTLE', price: 4.95, category: 'kitchen', variants: ['KNITTED UNION FLAG', 'SCOTTIE DOG', 'CHOCOLATE', 'RETROSPOT', 'WHITE SKULL', 'BABUSHKA'] },
  { code: '22960', name: 'JAM MAKING SET WITH JARS', price: 4.25, category: 'kitchen' },
  { code: '22961', name: 'GLASS STORAGE JAR, %', price: 2.95, category: 'kitchen', variants: ['BISCUITS', 'SUGAR', 'COFFEE', 'PASTA', 'FLOUR'] },
  { code: '21216', name: 'SET 3 RETROSPOT TEA,COFFEE,SUGAR', price: 4.95, category: 'kitchen' },
  { code: '22072', name: '% TEAPOT', price: 4.95, category: 'kitchen', variants: ['ROSES REGENCY', 'RED RETROSPOT', 'VINTAGE DOILY', 'BLUE POLKADOT'] },
  { code: '22899', name: '% APRON', price: 5.95, category: 'kitchen', variants: ['CHILDRENS', 'RED RETROSPOT', 'PANTRY', 'VINTAGE LEAF', 'APPLES'] },
  { code: '22623', name: 'SMALL TRAY %', price: 1.95, category: 'kitchen', variants: pick(PRINTS, 0, 3, 5, 9, 13) },
  { code: '84997', name: 'CHILDRENS CUTLERY %', price: 4.15, category: 'kitchen', variants: ['SPACEBOY', 'DOLLY GIRL', 'RETROSPOT', 'POLKADOT'] },
  { code: '21080', name: 'SET OF 20 NAPKINS %', price: 0.85, category: 'kitchen', variants: pick(PRINTS, 0, 1, 2, 6, 8, 10) },
  { code: '22617', name: 'BAKING SET 9 PIECE %', price: 4.95, category: 'kitchen', variants: ['RETROSPOT', 'SPACEBOY', 'PANTRY'] },
  { code: '22898', name: 'OVEN GLOVE %', price: 2.95, category: 'kitchen', variants: ['RED RETROSPOT', 'PANTRY', 'WOODLAND'] },
  { code: '22666', name: 'RECIPE BOX %', price: 2.95, category: 'kitchen', variants: ['PANTRY YELLOW', 'RETROSPOT', 'BLUE SKETCHBOOK', 'VINTAGE LEAF'] },
  { code: '22970', name: 'ENAMEL MUG %', price: 2.55, category: 'kitchen', variants: pick(COLOURS, 0, 2, 3, 4) },
  { code: '21245', name: 'PLASTIC BEAKER %', price: 0.42, category: 'kitchen', variants: ['RED RETROSPOT', 'SPACEBOY', 'DOLLY GIRL', 'WOODLAND'] },
  { code: '21240', name: 'GLASS TUMBLER %', price: 1.25, category: 'kitchen', variants: ['STRIPES', 'POLKADOT', 'CLEAR'] },
  { code: '22907', name: 'SPOON REST %', price: 1.25, category: 'kitchen', variants: ['PANTRY', 'RETROSPOT', 'BIRDS'] },
  { code: '23355', name: '% MILK BOTTLE', price: 3.75, category: 'kitchen', variants: ['VINTAGE', 'ENAMEL', 'GLASS'] },
  // home decor
  { code: '85123', name: 'WHITE HANGING HEART T-LIGHT HOLDER', price: 2.55, category: 'home decor' },
  { code: '21733', name: '% HANGING HEART T-LIGHT HOLDER', price: 2.95, category: 'home decor', variants: pick(COLOURS, 0, 1, 2, 4, 5, 6) },
  { code: '47566', name: 'PARTY BUNTING %', price: 4.95, category: 'home decor', variants: ['CLASSIC', 'SPOTTY', 'UNION JACK', 'FLORAL', 'VINTAGE'] },
  { code: '71053', name: '% METAL LANTERN', price: 3.75, category: 'home decor', variants: ['WHITE', 'MOROCCAN', 'ANTIQUE SILVER', 'RED', 'ZINC'] },
  { code: '21754', name: '% PHOTO FRAME', price: 2.55, category: 'home decor', variants: ['WHITE WOOD', 'HOME BUILDING BLOCK', 'VINTAGE ZINC', 'SILVER', 'PAINTED', 'CORNICE'] },
  { code: '82552', name: '% METAL SIGN', price: 2.1, category: 'home decor', variants: ['HOME SWEET HOME', 'GIN AND TONIC', 'KEEP CALM', 'COOK WITH WINE', 'BATHROOM', 'NO SINGING', 'GARDEN PATH', 'PLEASE ONE PERSON', 'LAUNDRY', 'BEWARE OF THE CAT'] },
  { code: '82567', name: 'AIRPORT LOUNGE,METAL SIGN', price: 2.1, category: 'home decor' },
  { code: '21621', name: 'CUSHION COVER %', price: 3.75, category: 'home decor', variants: ['VINTAGE UNION JACK', 'PAISLEY PARK', 'BIRD', 'FLOWER', 'SKULLS', 'RED RETROSPOT', 'PATCHWORK', 'TOILE'] },
  { code: '84946', name: 'HANGING % DECORATION', price: 0.85, category: 'home decor', variants: FESTIVE },
  { code: '22193', name: '% WALL CLOCK', price: 8.5, category: 'home decor', variants: ['RED DINER', 'IVORY DINER', 'BLUE DINER', 'BAKELITE', 'RETRO', 'BLACK GINGHAM'] },
  { code: '85048', name: 'FAIRY LIGHTS %', price: 4.25, category: 'home decor', variants: ['STAR', 'HEART', 'WHITE', 'COLOURED', 'BLOSSOM'] },
  { code: '22469', name: 'WALL MIRROR %', price: 9.95, category: 'home decor', variants: ['ORNATE', 'ROUND', 'RECTANGLE'] },
  { code: '22578', name: 'CHRISTMAS WREATH %', price: 6.95, category: 'home decor', variants: ['SNOWFLAKE', 'BERRY', 'WICKER'] },
  { code: '48187', name: 'DOORMAT %', price: 7.95, category: 'home decor', variants: ['HOME SWEET HOME', 'WELCOME', 'UNION FLAG', 'SPOTTY', 'RED RETROSPOT', 'TOPIARY', 'NEW ENGLAND', 'VINTAGE LEAF'] },
  { code: '22477', name: 'RECORD FRAME 7" SINGLE SIZE', price: 2.1, category: 'home decor' },
  { code: '22804', name: 'GLASS VASE %', price: 3.75, category: 'home decor', variants: ['CANDY', 'CLEAR', 'BLUE', 'SMOKED'] },
  { code: '35970', name: 'FLOWER GARLAND %', price: 3.25, category: 'home decor', variants: ['PINK', 'WHITE', 'PAPER', 'FELT'] },
  { code: '22464', name: 'DOUBLE COAT HOOK %', price: 3.75, category: 'home decor', variants: ['ANTIQUE WHITE', 'IVORY', 'ZINC', 'RED'] },
  { code: '72351', name: 'SCENTED CANDLE %', price: 1.25, category: 'home decor', variants: ['VANILLA', 'ROSE', 'LAVENDER', 'CINNAMON', 'JASMINE', 'FIG'] },
  { code: '72800', name: 'PILLAR CANDLE %', price: 0.95, category: 'home decor', variants: pick(COLOURS, 0, 3, 4, 5) },
  { code: '22413', name: '3 DRAWER CABINET %', price: 14.95, category: 'home decor', variants: ['ANTIQUE WHITE', 'VINTAGE', 'PAINTED'] },
  { code: '21181', name: 'WALL ART %', price: 5.95, category: 'home decor', variants: ['BICYCLE', 'DOVES', 'DO NOT DISTURB', 'LOVE'] },
  { code: '23245', name: 'NURSERY A,B,C PAINTED WALL LETTERS', price: 6.75, category: 'home decor' },
  { code: '85150', name: 'LADIES & GENTLEMEN METAL SIGN', price: 2.55, category: 'home decor' },
  // toys
  { code: '21980', name: 'TOY TIDY %', price: 2.1, category: 'toys', variants: ['SPACEBOY', 'DOLLY GIRL', 'PINK POLKADOT', 'RED RETROSPOT'] },
  { code: '22271', name: 'RAG DOLL %', price: 4.95, category: 'toys', variants: ['FELTCRAFT', 'VINTAGE', 'SAILOR', 'PRINCESS'] },
  { code: '22629', name: 'WOODEN JIGSAW %', price: 2.95, category: 'toys', variants: ['ANIMALS', 'TRAINS', 'FARM', 'DINOSAUR', 'CIRCUS'] },
  { code: '22549', name: '3D PUZZLE %', price: 1.25, category: 'toys', variants: ['GLOBE', 'LONDON BUS', 'DINOSAUR', 'CASTLE'] },
  { code: '21208', name: 'PARTY BALLOON %', price: 0.65, category: 'toys', variants: ['ROUND', 'MOON', 'STAR', 'BUNNY'] },
  { code: '22613', name: 'TIN SOLDIER %', price: 1.95, category: 'toys', variants: ['DRUMMER', 'GUARDSMAN', 'SAILOR'] },
  { code: '22557', name: 'SKIPPING ROPE %', price: 1.45, category: 'toys', variants: ['RED', 'BLUE', 'PINK', 'WOODEN HANDLES'] },
  { code: '22548', name: 'DOMINOES IN TIN %', price: 1.65, category: 'toys', variants: ['HEADS AND TAILS', 'CIRCUS PARADE'] },
  { code: '22560', name: 'PACK OF 12 CRAYONS %', price: 0.42, category: 'toys', variants: ['WAX', 'METALLIC', 'CHUNKY'] },
  { code: '22561', name: 'COLOURING PENCILS %', price: 1.25, category: 'toys', variants: ['BROWN TUBE', 'RETROSPOT', 'SPACEBOY'] },
  { code: '22722', name: 'TEDDY BEAR %', price: 3.75, category: 'toys', variants: ['VINTAGE', 'KNITTED', 'MINI', 'SAILOR'] },
  { code: '22746', name: 'WOODEN PLAYHOUSE %', price: 9.95, category: 'toys', variants: ['BEDROOM', 'LIVINGROOM', 'GARDEN'] },
  { code: '22620', name: 'CARD GAME %', price: 1.25, category: 'toys', variants: ['SNAP', 'HAPPY FAMILIES', 'OLD MAID', 'PAIRS'] },
  { code: '22551', name: 'SPACEBOY %', price: 0.85, category: 'toys', variants: ['ROCKET KIT', 'STICKERS', 'MASK'] },
  // other
  { code: '22049', name: 'WRAP %', price: 0.42, category: 'other', variants: ['RED APPLES', 'ENGLISH ROSE', 'VINTAGE PAISLEY', 'CHRISTMAS SCREEN PRINT', 'FLOWER FAIRY', 'DOILY', 'CIRCUS PARADE', 'ALPHABET DESIGN'] },
  { code: '20983', name: '% NOTEBOOK', price: 1.65, category: 'other', variants: ['VINTAGE PAISLEY', 'WOODLAND', 'SKETCHBOOK', 'RED RETROSPOT', 'LONDON'] },
  { code: '22614', name: 'PACK OF 12 % TISSUES', price: 0.29, category: 'other', variants: ['PINK PAISLEY', 'SUKI', 'WOODLAND', 'SKULLS', 'RETROSPOT', 'LONDON'] },
  { code: '84032', name: 'HAND WARMER %', price: 2.1, category: 'other', variants: ['RED RETROSPOT', 'SCOTTY DOG', 'OWL DESIGN', 'UNION JACK', 'BIRD DESIGN', 'POLKADOT'] },
  { code: '20679', name: '% UMBRELLA', price: 5.95, category: 'other', variants: ['EDWARDIAN PARASOL', 'RED RETROSPOT', 'BLACK SKULLS', 'LOVE BIRDS'] },
  { code: '22986', name: 'ROLL WRAP %', price: 1.25, category: 'other', variants: ['VINTAGE CHRISTMAS', 'VINTAGE SPOT', 'BIRTHDAY', 'FLORAL'] },
  { code: '22086', name: 'PAPER CHAIN KIT %', price: 2.95, category: 'other', variants: ["50'S CHRISTMAS", 'VINTAGE CHRISTMAS', 'RETROSPOT', 'SKULLS'] },
  { code: '21506', name: 'GREETING CARD %', price: 0.42, category: 'other', variants: ['FANCY FONT', 'ELEPHANT', 'VINTAGE', 'DOTCOM', 'POLKADOT', 'ROBOT'] },
  { code: '21507', name: 'BIRTHDAY CARD, %', price: 0.42, category: 'other', variants: ['ELEPHANT', 'RETRO SPOT', 'FANCY FONT'] },
  { code: '22908', name: 'STICKER SHEET %', price: 0.85, category: 'other', variants: ['ALPHABET', 'DINOSAURS', 'FAIRY', 'LONDON'] },
  { code: '22082', name: 'RIBBON REEL %', price: 1.65, category: 'other', variants: ['STRIPES', 'POLKADOTS', 'LACE', 'HEARTS'] },
  { code: '22139', name: 'PENCIL CASE %', price: 1.25, category: 'other', variants: ['RETROSPOT', 'WOODLAND', 'LONDON'] },
  { code: '20974', name: 'GARDENERS KNEELING PAD %', price: 1.65, category: 'other', variants: ['KEEP CALM', 'WELLIES', 'FLORAL'] },
  { code: '22029', name: 'PARTY INVITES %', price: 0.85, category: 'other', variants: ['SPACEMAN', 'WOODLAND', 'JAZZ HEARTS'] },
  { code: '22144', name: 'SOAP DISH %', price: 2.55, category: 'other', variants: ['BROCANTE', 'ZINC', 'SHELL'] },
  { code: '22993', name: 'CLOTHES PEGS %', price: 1.45, category: 'other', variants: ['RETROSPOT PACK 24', 'WOODEN PACK 12'] },
  { code: '22966', name: 'GINGERBREAD MAN COOKIE CUTTER', price: 1.25, category: 'other' },
  { code: '23084', name: 'RABBIT NIGHT LIGHT', price: 2.08, category: 'home decor' },
  { code: '22585', name: 'PACK OF 6 BIRDY GIFT TAGS', price: 1.25, category: 'other' },
  { code: '22556', name: 'PLASTERS IN TIN %', price: 1.65, category: 'other', variants: ['CIRCUS PARADE', 'WOODLAND ANIMALS', 'STRAWBERRY', 'VINTAGE PAISLEY', 'SKULLS'] },
  { code: '22567', name: 'DOG COLLAR %', price: 2.55, category: 'other', variants: ['RED', 'TARTAN', 'SPOTTY'] },
  { code: '21479', name: 'WHITE SKULL % BATH', price: 3.75, category: 'other', variants: ['BUBBLE', 'SALTS'] },
];

const VARIANT_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function expandFamily(family: ProductFamily): DemoProduct[] {
  if (!family.variants) return [{ stockCode: family.code, description: family.name, unitPrice: family.price, category: family.category }];
  return family.variants.map((variant, i) => ({
    stockCode: `${family.code}${VARIANT_LETTERS[i]}`,
    description: family.name.replace('%', variant),
    unitPrice: family.price,
    category: family.category,
  }));
}

/** The demo shop's products (about 400), grouped by category in catalogue order. */
export const DEMO_CATALOGUE: readonly DemoProduct[] = Object.freeze(FAMILIES.flatMap(expandFamily));

/** Postage, charged once per order to customers outside the home market. */
export const POSTAGE_PRODUCT: DemoProduct = Object.freeze({ stockCode: 'POST', description: 'POSTAGE', unitPrice: 18, category: 'other' });

/** The bad-debt adjustment line of UCI Online Retail (invoice prefix A). */
export const BAD_DEBT_PRODUCT: DemoProduct = Object.freeze({ stockCode: 'B', description: 'Adjust bad debt', unitPrice: 0, category: 'other' });

/** Descriptions the warehouse writes on stock corrections (zero price, no customer). */
export const STOCK_NOTES: readonly string[] = Object.freeze(['damaged', 'check', '?', 'found', 'missing', 'sold as set on dotcom', 'wet damaged', 'thrown away']);
