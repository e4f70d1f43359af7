import { describe, expect, it } from 'vitest';
import { branchIds, buildOrgTree, filterOrgTree, suggestOrgId, toTreeSelect } from './orgTree';
import type { Organization } from './types';

const org = (id: string, name: string, parentId: string | null, path: string, kind = 'School'): Organization => ({
  id, name, kind, kindName: '', schoolType: null, schoolTypeName: null, parentId, path, users: 0,
});

const items = [
  org('150100-02', '呼和浩特机电技师学院', '150100', '/150000/150100/150100-02/'),
  org('150000', '内蒙古自治区人力资源和社会保障厅', null, '/150000/', 'Province'),
  org('150200', '包头市人力资源和社会保障局', '150000', '/150000/150200/', 'City'),
  org('150100-01', '呼和浩特技师学院', '150100', '/150000/150100/150100-01/'),
  org('150100', '呼和浩特市人力资源和社会保障局', '150000', '/150000/150100/', 'City'),
  org('150100-edu', '呼和浩特市教育局', '150100', '/150000/150100/150100-edu/', 'EducationBureau'),
];

describe('organisation tree', () => {
  it('nests rows under their parents in path order, leaves without children', () => {
    const [root, ...others] = buildOrgTree(items);
    expect(others).toHaveLength(0);
    expect(root!.id).toBe('150000');
    expect(root!.children!.map((c) => c.id)).toEqual(['150100', '150200']);
    expect(root!.children![0]!.children!.map((c) => c.id)).toEqual(['150100-01', '150100-02', '150100-edu']);
    expect(root!.children![1]!.children).toBeUndefined();
  });

  it('makes the top of a subtree a root when its parent is not listed', () => {
    const roots = buildOrgTree(items.filter((o) => o.path.startsWith('/150000/150100/')));
    expect(roots.map((r) => r.id)).toEqual(['150100']);
    expect(roots[0]!.children).toHaveLength(3);
  });

  it('keeps the way down to a match and opens it', () => {
    const found = filterOrgTree(buildOrgTree(items), '机电');
    expect(found[0]!.children!.map((c) => c.id)).toEqual(['150100']);
    expect(found[0]!.children![0]!.children!.map((c) => c.id)).toEqual(['150100-02']);
    expect(branchIds(found)).toEqual(['150000', '150100']);
  });

  it('finds by id too, keeps a matching branch whole, and returns nothing for no match', () => {
    const byId = filterOrgTree(buildOrgTree(items), '150100');
    expect(byId[0]!.children![0]!.children).toHaveLength(3);
    expect(filterOrgTree(buildOrgTree(items), '赤峰')).toEqual([]);
    expect(filterOrgTree(buildOrgTree(items), '  ')).toHaveLength(1);
  });

  it('gives a tree select the same shape', () => {
    const [root] = toTreeSelect(buildOrgTree(items));
    expect(root!.value).toBe('150000');
    expect(root!.children![0]!.children![0]).toEqual({ value: '150100-01', title: '呼和浩特技师学院' });
  });

  it('offers the next free school number and the bureau ids', () => {
    expect(suggestOrgId('150100', 'School', items)).toBe('150100-03');
    expect(suggestOrgId('150200', 'School', items)).toBe('150200-01');
    expect(suggestOrgId('150100', 'EducationBureau', items)).toBe('150100-edu');
    expect(suggestOrgId('150100', 'FinanceBureau', items)).toBe('150100-fin');
  });
});
