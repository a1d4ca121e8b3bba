import { readPlace } from '../../src/reports/address';

describe('reading a Dutch address from a report', () => {
  it.each([
    ['Schiedamseweg 12-B', { street: 'schiedamseweg', number: 12, addition: 'b', key: 'schiedamseweg 12b' }],
    ['schiedamseweg 12b', { key: 'schiedamseweg 12b' }],
    ['Schiedamseweg 12 B', { key: 'schiedamseweg 12b' }],
    ['het is aan de Schiedamseweg 12 b, boven de bakker', { key: 'schiedamseweg 12b' }],
    ['Grote Visserijstraat 5 bis', { street: 'grote visserijstraat', number: 5, addition: 'bis', key: 'grote visserijstraat 5bis' }],
    ['Van der Takstraat 8', { street: 'van der takstraat', key: 'van der takstraat 8' }],
    ['Mathenesserweg 40 3 hoog', { number: 40, floor: 3, key: 'mathenesserweg 40-3' }],
    ['Mathenesserweg 40-3', { key: 'mathenesserweg 40-3' }],
    ['Mathenesserweg 40, 3-hoog', { key: 'mathenesserweg 40-3' }],
    ['Mathenesserweg 40 III', { key: 'mathenesserweg 40-3' }],
    ['Mathenesserweg 40 op de derde verdieping', { key: 'mathenesserweg 40-3' }],
    ['3023 AB 12', { postcode: '3023ab', number: 12, key: '3023ab 12' }],
    ['postcode 3023ab, nr 12', { key: '3023ab 12' }],
    ['3023 AB nummer 12-B', { key: '3023ab 12b' }],
    ['flat De Hoek, 4e verdieping', { building: 'de hoek', floor: 4, key: 'flat de hoek-4' }],
    ['Flat de hoek op de vierde verdieping', { key: 'flat de hoek-4' }],
    ['Schiedamseweg 12 hs', { key: 'schiedamseweg 12hs' }],
    ['Schiedamseweg 12 huis', { key: 'schiedamseweg 12hs' }],
  ])('%s', (text, expected) => {
    expect(readPlace(text)).toMatchObject({ text, ...expected });
  });

  it.each([
    ['bij nr 12 in de gang', { number: 12 }],
    ['hier in de flat op 3 hoog', { floor: 3 }],
    ['ik weet het niet precies', {}],
    ['😡😡😡', {}],
    ['', {}],
    ['<script>alert(1)</script> 12', {}],
  ])('keeps %s as words, without a key to link on', (text, expected) => {
    const place = readPlace(text);
    expect(place.key).toBeUndefined();
    expect(place).toMatchObject({ text: text.trim(), ...expected });
  });

  it('gives the same key however the same home is written, and another key for the neighbour next door', () => {
    const keys = ['Schiedamseweg 12-B', 'SCHIEDAMSEWEG 12b', 'schiedamseweg  12 b'].map((text) => readPlace(text).key);
    expect(new Set(keys).size).toBe(1);
    expect(readPlace('Schiedamseweg 12-A').key).not.toBe(keys[0]);
    expect(readPlace('Schiedamseweg 14-B').key).not.toBe(keys[0]);
  });

  it('reads a long text quickly enough and without catastrophic backtracking', () => {
    const long = `${'aaaa '.repeat(1000)}Schiedamseweg 12`;
    expect(readPlace(long).key).toBe('schiedamseweg 12');
  });
});
