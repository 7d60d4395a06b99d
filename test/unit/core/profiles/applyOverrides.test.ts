import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitOverrides, withOverrides, withResume } from '../../../../src/core/profiles/applyOverrides';
import { profileTemplate } from '../../../../src/core/profiles/profileTemplates';
import { PROFILE_KINDS, type RunProfile } from '../../../../src/core/profiles/runProfile';
import { validateProfile } from '../../../../src/core/profiles/validateProfile';

test('every kind\'s template is a valid profile', () => {
  for (const kind of PROFILE_KINDS) {
    const result = validateProfile(profileTemplate(kind, `new ${kind}`));
    assert.ok(result.ok, `${kind}: ${JSON.stringify(!result.ok && result.errors)}`);
  }
});

test('overrides go where each kind takes them, each item one argument', () => {
  const script: RunProfile = { kind: 'script', argv: ['python3', 'train.py'] };
  assert.deepEqual(withOverrides(script, ['--lr', 'x; rm -rf ~']), { kind: 'script', argv: ['python3', 'train.py', '--lr', 'x; rm -rf ~'] });
  const verl = validateProfile(profileTemplate('verl-grpo', 'g'));
  assert.ok(verl.ok);
  const changed = withOverrides(verl.profile, ['trainer.total_epochs=3']);
  assert.ok('overrides' in changed);
  assert.deepEqual(changed.overrides, ['trainer.total_epochs=3']);
});

test('quoted overrides keep their spaces', () => {
  assert.deepEqual(splitOverrides('x=1 "y=a b"'), ['x=1', 'y=a b']);
});

test('resume continues from the last checkpoint', () => {
  assert.deepEqual(withResume({ kind: 'reference', init: 'tiny', args: ['--resume', 'auto'] }), { kind: 'reference', init: 'tiny', args: ['--resume', 'auto'] });
  const verl = validateProfile({ ...profileTemplate('verl-grpo', 'g'), resumeMode: 'disable' });
  assert.ok(verl.ok);
  assert.equal((withResume(verl.profile) as { resumeMode?: string }).resumeMode, 'auto');
});
