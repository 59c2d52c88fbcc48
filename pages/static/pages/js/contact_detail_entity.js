// Draftail: insert the team's email address or phone number as a reference to Service settings
// (pages/rich_text_contact.py). The editor shows a token; the site shows the current value.
;(function () {
  'use strict'
  var React = window.React
  var DraftJS = window.DraftJS
  var draftail = window.draftail
  if (!React || !DraftJS || !draftail) return

  // Inserts the token at the cursor (replacing any selected text) as soon as the button is used.
  function ContactDetailSource(props) {
    React.useEffect(function () {
      var editorState = props.editorState
      var entityType = props.entityType
      var detail = entityType.type === 'TEAM_PHONE' ? 'phone' : 'email'
      var withEntity = editorState
        .getCurrentContent()
        .createEntity(entityType.type, 'IMMUTABLE', { detail: detail })
      var inserted = DraftJS.Modifier.replaceText(
        withEntity,
        editorState.getSelection(),
        entityType.token,
        null,
        withEntity.getLastCreatedEntityKey()
      )
      props.onComplete(DraftJS.EditorState.push(editorState, inserted, 'insert-characters'))
    }, [])
    return null
  }

  function ContactDetailToken(props) {
    return React.createElement(
      'span',
      {
        title: 'Shown on the site as the current value in Settings > Service settings',
        style: { background: '#e8f1f3', borderRadius: '3px', padding: '0 2px' }
      },
      props.children
    )
  }

  ;['TEAM_EMAIL', 'TEAM_PHONE'].forEach(function (type) {
    draftail.registerPlugin(
      { type: type, source: ContactDetailSource, decorator: ContactDetailToken },
      'entityTypes'
    )
  })
})()
